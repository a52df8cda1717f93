package com.safepay.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only way money moves. A journal entry is posted whole or not at all, its postings sum to zero,
 * it is unique per (type, business reference), and no customer account goes below zero.
 *
 * <p>Balances: a debit from a customer account updates the account row at once, guarded by a
 * non-negative check. Credits, and all postings to platform accounts, are not applied to the account
 * row in the paying transaction; they are also written to {@code pending_posting} and folded in by
 * {@link #rollUp}. So a hot merchant or the fee account is never a row every payment waits for. At
 * every moment {@code balance + pending = sum of postings} for each account, and {@link #balance}
 * reads both.
 */
@Service
public class LedgerService {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Map<String, AccountId> platformAccounts = new ConcurrentHashMap<>();

    LedgerService(
            JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbcTemplate = jdbcTemplate;
        this.clock = clock;
    }

    /** Opens the account of {@code type} for {@code ownerId}, or returns it if it exists. */
    @Transactional
    public AccountId openAccount(AccountType type, long ownerId) {
        if (type.isPlatform()) {
            throw new IllegalArgumentException(type + " is a platform account");
        }
        String code = type.code(ownerId);
        Optional<AccountId> existing = find(code);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into ledger_account (code, account_type, owner_id, currency, balance, customer, created_at)
                    values (?, ?, ?, 'CNY', 0, ?, ?)""")
                    .params(code, type.name(), ownerId, type.isCustomer(), Timestamp.from(clock.instant()))
                    .update(key, "id");
            return new AccountId(key.getKey().longValue());
        } catch (DuplicateKeyException raced) {
            return find(code).orElseThrow();
        }
    }

    /** The account of {@code type} for {@code ownerId}, if opened. */
    @Transactional(readOnly = true)
    public Optional<AccountId> account(AccountType type, long ownerId) {
        return find(type.code(ownerId));
    }

    public AccountId platformAccount(AccountType type) {
        if (!type.isPlatform()) {
            throw new IllegalArgumentException(type + " is not a platform account");
        }
        return platformAccounts.computeIfAbsent(type.name(), code -> find(code).orElseThrow());
    }

    private Optional<AccountId> find(String code) {
        return jdbc.sql("select id from ledger_account where code = ?")
                .param(code)
                .query((rs, n) -> new AccountId(rs.getLong(1)))
                .optional();
    }

    /**
     * Posts one journal entry in the caller's transaction.
     *
     * @return the new entry's id, or empty when an entry of this type and reference exists already
     *     (nothing is posted again)
     * @throws InsufficientFundsException when a customer account would go below zero; the caller's
     *     transaction must then roll back
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> post(EntryType type, String reference, Currency currency, List<Leg> legs) {
        if (legs.size() < 2) {
            throw new IllegalArgumentException("A journal entry has at least two postings");
        }
        long sum = 0;
        for (Leg leg : legs) {
            sum = Math.addExact(sum, leg.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("Postings of an entry must sum to zero, not " + sum);
        }
        if (exists(type, reference)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into journal_entry (entry_type, reference, currency, created_at) values (?, ?, ?, ?)")
                .params(type.name(), reference, currency.getCurrencyCode(), Timestamp.from(now))
                .update(key, "id");
        long entryId = key.getKey().longValue();

        Map<Long, Boolean> customer = customerFlags(legs);
        List<Leg> pending = new ArrayList<>();
        // Debits in account order, so two entries never wait for each other's rows in opposite order.
        legs.stream()
                .sorted(Comparator.comparingLong(leg -> leg.account().value()))
                .forEach(leg -> {
                    if (leg.amount() < 0 && customer.get(leg.account().value())) {
                        debitCustomer(leg);
                    } else {
                        pending.add(leg);
                    }
                });
        jdbcTemplate.batchUpdate(
                "insert into posting (entry_id, account_id, amount, entry_type, reference, created_at) values (?, ?, ?, ?, ?, ?)",
                legs,
                legs.size(),
                (ps, leg) -> {
                    ps.setLong(1, entryId);
                    ps.setLong(2, leg.account().value());
                    ps.setLong(3, leg.amount());
                    ps.setString(4, type.name());
                    ps.setString(5, reference);
                    ps.setTimestamp(6, Timestamp.from(now));
                });
        if (!pending.isEmpty()) {
            jdbcTemplate.batchUpdate(
                    "insert into pending_posting (account_id, amount) values (?, ?)",
                    pending,
                    pending.size(),
                    (ps, leg) -> {
                        ps.setLong(1, leg.account().value());
                        ps.setLong(2, leg.amount());
                    });
        }
        return Optional.of(entryId);
    }

    private boolean exists(EntryType type, String reference) {
        return jdbc.sql("select count(*) from journal_entry where entry_type = ? and reference = ?")
                        .params(type.name(), reference)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Map<Long, Boolean> customerFlags(List<Leg> legs) {
        Map<Long, Boolean> flags = new HashMap<>();
        for (Leg leg : legs) {
            long id = leg.account().value();
            if (!flags.containsKey(id)) {
                Boolean customer = jdbc.sql("select customer from ledger_account where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .optional()
                        .orElseThrow(() -> new IllegalArgumentException("No such account: " + id));
                flags.put(id, customer);
            }
        }
        return flags;
    }

    private void debitCustomer(Leg leg) {
        if (tryDebit(leg) == 1) {
            return;
        }
        // Not enough folded in: fold this account's pending credits in and try once more.
        rollUpLocked(leg.account());
        if (tryDebit(leg) != 1) {
            throw new InsufficientFundsException(leg.account());
        }
    }

    private int tryDebit(Leg leg) {
        return jdbc.sql("update ledger_account set balance = balance + ? where id = ? and balance + ? >= 0")
                .params(leg.amount(), leg.account().value(), leg.amount())
                .update();
    }

    /** The account's balance: folded-in balance plus pending postings. */
    @Transactional(readOnly = true)
    public long balance(AccountId account) {
        return jdbc.sql("""
                        select a.balance + coalesce((select sum(p.amount) from pending_posting p where p.account_id = a.id), 0)
                        from ledger_account a where a.id = ?""").param(account.value()).query(Long.class).single();
    }

    /**
     * Folds the pending postings of up to {@code maxAccounts} accounts into their balances, each
     * account in its own short transaction. Accounts another instance is folding are skipped.
     *
     * @return the number of accounts folded
     */
    @Transactional(propagation = Propagation.NEVER)
    public int rollUp(int maxAccounts) {
        List<Long> accounts = jdbc.sql("select distinct account_id from pending_posting")
                .query(Long.class)
                .list();
        int folded = 0;
        for (Long account : accounts.subList(0, Math.min(maxAccounts, accounts.size()))) {
            if (Boolean.TRUE.equals(transactions.execute(status -> rollUpIfFree(new AccountId(account))))) {
                folded++;
            }
        }
        return folded;
    }

    private boolean rollUpIfFree(AccountId account) {
        Optional<Long> locked = jdbc.sql("select id from ledger_account where id = ? for update skip locked")
                .param(account.value())
                .query(Long.class)
                .optional();
        if (locked.isEmpty()) {
            return false;
        }
        foldPending(account);
        return true;
    }

    private void rollUpLocked(AccountId account) {
        jdbc.sql("select id from ledger_account where id = ? for update")
                .param(account.value())
                .query(Long.class)
                .single();
        foldPending(account);
    }

    private void foldPending(AccountId account) {
        List<long[]> rows = jdbc.sql("select id, amount from pending_posting where account_id = ? for update")
                .param(account.value())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        if (rows.isEmpty()) {
            return;
        }
        long sum = 0;
        for (long[] row : rows) {
            sum = Math.addExact(sum, row[1]);
        }
        jdbcTemplate.batchUpdate(
                "delete from pending_posting where id = ?", rows, 500, (ps, row) -> ps.setLong(1, row[0]));
        jdbc.sql("update ledger_account set balance = balance + ? where id = ?")
                .params(sum, account.value())
                .update();
    }

    /**
     * An account's statement between {@code from} (inclusive) and {@code to} (exclusive), newest
     * first, each line with the running balance after it (over the account's whole history).
     */
    @Transactional(readOnly = true)
    public List<StatementLine> statement(AccountId account, Instant from, Instant to, int offset, int limit) {
        return jdbc.sql("""
                        select id, created_at, amount, running, entry_type, reference from (
                            select id, created_at, amount, entry_type, reference,
                                   sum(amount) over (order by id) as running
                            from posting where account_id = ?) lines
                        where created_at >= ? and created_at < ?
                        order by id desc limit ? offset ?""")
                .params(account.value(), Timestamp.from(from), Timestamp.from(to), limit, offset)
                .query((rs, n) -> new StatementLine(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getLong(3),
                        rs.getLong(4),
                        EntryType.valueOf(rs.getString(5)),
                        rs.getString(6)))
                .list();
    }

    @Transactional(readOnly = true)
    public long statementCount(AccountId account, Instant from, Instant to) {
        return jdbc.sql("select count(*) from posting where account_id = ? and created_at >= ? and created_at < ?")
                .params(account.value(), Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /** The postings of an account, newest first. */
    @Transactional(readOnly = true)
    public List<PostingLine> postings(AccountId account, int limit) {
        return jdbc.sql("""
                        select id, entry_id, account_id, amount, entry_type, reference, created_at
                        from posting where account_id = ? order by id desc fetch first ? rows only""")
                .params(account.value(), limit)
                .query((rs, n) -> new PostingLine(
                        rs.getLong(1),
                        rs.getLong(2),
                        new AccountId(rs.getLong(3)),
                        rs.getLong(4),
                        EntryType.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** The postings of the entry of this type and reference. */
    @Transactional(readOnly = true)
    public List<PostingLine> entryPostings(EntryType type, String reference) {
        return jdbc.sql("""
                        select p.id, p.entry_id, p.account_id, p.amount, p.entry_type, p.reference, p.created_at
                        from posting p join journal_entry e on e.id = p.entry_id
                        where e.entry_type = ? and e.reference = ? order by p.id""")
                .params(type.name(), reference)
                .query((rs, n) -> new PostingLine(
                        rs.getLong(1),
                        rs.getLong(2),
                        new AccountId(rs.getLong(3)),
                        rs.getLong(4),
                        EntryType.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }
}
