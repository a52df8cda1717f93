package com.safepay.ledger;

import com.safepay.shared.TransactionBuffer;
import com.safepay.shared.jdbc.Dialect;
import com.safepay.shared.jdbc.MultiRowInsert;
import com.safepay.shared.jdbc.StatementPipeline;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    /** Account ids by code and the customer flag by id: both fixed once an account is opened. */
    private final Map<String, AccountId> accountIds = new ConcurrentHashMap<>();

    private final Map<Long, Boolean> customerFlags = new ConcurrentHashMap<>();
    private final boolean postgres;

    private static final MultiRowInsert JOURNAL =
            new MultiRowInsert("journal_entry (entry_type, reference, currency, created_at)", 4);
    private static final MultiRowInsert POSTING =
            new MultiRowInsert("posting (entry_id, account_id, amount, entry_type, reference, created_at)", 6);
    private static final MultiRowInsert PENDING = new MultiRowInsert("pending_posting (account_id, amount)", 2);

    LedgerService(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            Clock clock,
            PlatformTransactionManager transactionManager,
            Dialect dialect) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbcTemplate = jdbcTemplate;
        this.entriesAtCommit = TransactionBuffer.ofStatements("ledger entries", jdbcTemplate);
        this.clock = clock;
        this.postgres = dialect == Dialect.POSTGRESQL;
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
        AccountId known = accountIds.get(code);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<AccountId> found = jdbc.sql("select id from ledger_account where code = ?")
                .param(code)
                .query((rs, n) -> new AccountId(rs.getLong(1)))
                .optional();
        // Only accounts that exist are remembered; an account is never deleted or renumbered.
        found.ifPresent(id -> accountIds.put(code, id));
        return found;
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
        Entry entry = new Entry(type, reference, currency, legs); // refuses unbalanced legs
        if (exists(type, reference)) {
            return Optional.empty();
        }
        List<Boolean> posted = postEntries(List.of(entry), false);
        if (!posted.get(0)) {
            throw new InsufficientFundsException(firstCustomerDebit(legs));
        }
        return Optional.of(entryId(type, reference));
    }

    private AccountId firstCustomerDebit(List<Leg> legs) {
        Map<Long, Boolean> customer = customerFlags(legs);
        return legs.stream()
                .filter(leg -> leg.amount() < 0 && customer.get(leg.account().value()))
                .map(Leg::account)
                .findFirst()
                .orElseThrow();
    }

    private long entryId(EntryType type, String reference) {
        return jdbc.sql("select id from journal_entry where entry_type = ? and reference = ?")
                .params(type.name(), reference)
                .query(Long.class)
                .single();
    }

    /** One journal entry to post with {@link #postAll}. */
    public record Entry(EntryType type, String reference, Currency currency, List<Leg> legs) {

        public Entry {
            legs = List.copyOf(legs);
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
        }
    }

    /**
     * Posts many journal entries in the caller's transaction, in a few statements for all of them (a
     * batch of payments). An entry whose customer debits the balances cannot cover is left out whole
     * (nothing of it is posted) and reported {@code false}; the others are posted.
     *
     * <p>Unlike {@link #post}, there is no look-up for an entry posted before: the caller guarantees
     * that each (type, reference) is new (a trade's status guard does), and the unique key refuses
     * a repeat anyway, with an exception that rolls the caller's transaction back.
     *
     * <p>The debits are applied at once (their guards decide what is posted). On PostgreSQL the
     * entries, postings and pending credits are written as the transaction commits, together with
     * the transaction's other buffered inserts (one round trip, {@link TransactionBuffer}): reading
     * them back in the same transaction would not find them, and the caller does not.
     *
     * @return per entry, in order: whether it was posted
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Boolean> postAll(List<Entry> entries) {
        return postEntries(entries, true);
    }

    /**
     * Posts every entry or none, for a batch whose operations are run again one at a time should it
     * fail. On PostgreSQL the customer debits go with the entries, their postings and pending
     * credits as one statement when the transaction commits (with its other buffered inserts, in
     * one round trip): the debits of one account summed into one guarded update, in account order.
     * If a balance is short, that statement inserts no pending credit, reports it, and the commit
     * fails, so the transaction rolls back. On H2 the entries are posted now, and an entry whose
     * debit cannot be covered throws {@link InsufficientFundsException} (the caller's transaction
     * must then roll back). Either way, nothing of a call that fails stays.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void postAllAtCommit(List<Entry> entries) {
        if (!postgres) {
            List<Boolean> posted = postEntries(entries, false);
            for (int i = 0; i < posted.size(); i++) {
                if (!posted.get(i)) {
                    throw new InsufficientFundsException(
                            firstCustomerDebit(entries.get(i).legs()));
                }
            }
            return;
        }
        Map<Long, Boolean> customer =
                customerFlags(entries.stream().flatMap(e -> e.legs().stream()).toList());
        entriesStatements(entries, customer, clock.instant(), true).forEach(entriesAtCommit::add);
    }

    private List<Boolean> postEntries(List<Entry> entries, boolean atCommit) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Leg> allLegs = entries.stream().flatMap(e -> e.legs().stream()).toList();
        Map<Long, Boolean> customer = customerFlags(allLegs);

        // Customer debits first, in account order, so two batches never wait for each other's rows in
        // opposite order; each is guarded by the non-negative check.
        record Debit(int entry, Leg leg) {}
        List<Debit> debits = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            for (Leg leg : entries.get(i).legs()) {
                if (leg.amount() < 0 && customer.get(leg.account().value())) {
                    debits.add(new Debit(i, leg));
                }
            }
        }
        debits.sort(Comparator.comparingLong(d -> d.leg().account().value()));
        boolean[] failed = new boolean[entries.size()];
        boolean[] applied = new boolean[debits.size()];
        if (!debits.isEmpty()) {
            int[] counts;
            if (postgres
                    && debits.size() > 1
                    && debits.stream().map(d -> d.leg().account()).distinct().count() == debits.size()) {
                // One wallet debited once each: one statement for all of them (PostgreSQL opens the
                // table and its index once). The values are in account order, and so is the plan's
                // nested loop; should another plan lock them in another order and deadlock with a
                // second batch, PostgreSQL fails one of them, which then runs operation by operation.
                List<Object> params = new ArrayList<>(debits.size() * 2);
                for (Debit d : debits) {
                    params.add(d.leg().account().value());
                    params.add(d.leg().amount());
                }
                Set<Long> debited = new HashSet<>(jdbcTemplate.queryForList(
                        "update ledger_account a set balance = a.balance + v.amount from (values "
                                + String.join(", ", Collections.nCopies(debits.size(), "(?::bigint, ?::bigint)"))
                                + ") as v (id, amount) where a.id = v.id and a.balance + v.amount >= 0 returning a.id",
                        Long.class,
                        params.toArray()));
                counts = new int[debits.size()];
                for (int i = 0; i < debits.size(); i++) {
                    counts[i] = debited.contains(debits.get(i).leg().account().value()) ? 1 : 0;
                }
            } else {
                // H2, a single debit, or a wallet debited twice in the batch: one guarded update each.
                counts = jdbcTemplate
                        .batchUpdate(
                                "update ledger_account set balance = balance + ? where id = ? and balance + ? >= 0",
                                debits,
                                debits.size(),
                                (ps, d) -> {
                                    ps.setLong(1, d.leg().amount());
                                    ps.setLong(2, d.leg().account().value());
                                    ps.setLong(3, d.leg().amount());
                                })[0];
            }
            for (int i = 0; i < debits.size(); i++) {
                Debit d = debits.get(i);
                if (counts[i] == 1) {
                    applied[i] = true;
                } else if (!failed[d.entry()]) {
                    // Not enough folded in: fold this account's pending credits in and try once more.
                    rollUpLocked(d.leg().account());
                    if (tryDebit(d.leg()) == 1) {
                        applied[i] = true;
                    } else {
                        failed[d.entry()] = true;
                    }
                } else {
                    failed[d.entry()] = true;
                }
            }
            // An entry that could not be covered whole gives back the debits it did get.
            for (int i = 0; i < debits.size(); i++) {
                Debit d = debits.get(i);
                if (applied[i] && failed[d.entry()]) {
                    jdbc.sql("update ledger_account set balance = balance - ? where id = ?")
                            .params(d.leg().amount(), d.leg().account().value())
                            .update();
                }
            }
        }

        List<Entry> posting = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!failed[i]) {
                posting.add(entries.get(i));
            }
        }
        if (!posting.isEmpty() && postgres) {
            // One statement per 200 entries; at commit with the transaction's other buffered
            // inserts, or now (the pipeline checks the pending credits each statement reports).
            StatementPipeline immediate = new StatementPipeline();
            for (MultiRowInsert.Statement statement : entriesStatements(posting, customer, now, false)) {
                if (atCommit) {
                    entriesAtCommit.add(statement);
                } else {
                    immediate.add(jdbcTemplate, statement);
                }
            }
            immediate.run();
        } else if (!posting.isEmpty()) {
            insertEntries(posting, customer, now);
        }
        List<Boolean> result = new ArrayList<>(entries.size());
        for (boolean f : failed) {
            result.add(!f);
        }
        return result;
    }

    /** H2: the entries (their ids come back), then their postings and pending credits, one statement each. */
    private void insertEntries(List<Entry> posting, Map<Long, Boolean> customer, Instant now) {
        List<Object[]> journalRows = new ArrayList<>(posting.size());
        for (Entry e : posting) {
            journalRows.add(
                    new Object[] {e.type().name(), e.reference(), e.currency().getCurrencyCode(), now});
        }
        Map<String, Long> ids = new HashMap<>();
        for (Object[] key : JOURNAL.insertReturning(
                jdbcTemplate, journalRows, new String[] {"id", "entry_type", "reference"}, (rs, n) ->
                        new Object[] {rs.getLong(1), rs.getString(2) + "\u0000" + rs.getString(3)})) {
            ids.put((String) key[1], (Long) key[0]);
        }
        List<Object[]> postingRows = new ArrayList<>();
        List<Object[]> pendingRows = new ArrayList<>();
        for (Entry e : posting) {
            Long entryId = ids.get(e.type().name() + "\u0000" + e.reference());
            if (entryId == null) {
                throw new IllegalStateException("No id came back for entry " + e.type() + " " + e.reference());
            }
            for (Leg leg : e.legs()) {
                postingRows.add(new Object[] {
                    entryId, leg.account().value(), leg.amount(), e.type().name(), e.reference(), now
                });
                if (isPending(leg, customer)) {
                    pendingRows.add(new Object[] {leg.account().value(), leg.amount()});
                }
            }
        }
        POSTING.insert(jdbcTemplate, postingRows);
        PENDING.insert(jdbcTemplate, pendingRows);
    }

    /** Credits, and postings to platform accounts, wait in pending_posting for the roll-up. */
    private static boolean isPending(Leg leg, Map<Long, Boolean> customer) {
        return !(leg.amount() < 0 && customer.get(leg.account().value()));
    }

    /**
     * PostgreSQL: {@link #entriesStatement}s of at most 200 entries each; {@code withDebits}: each
     * also applies its entries' customer debits, summed per account (in account order).
     */
    private List<MultiRowInsert.Statement> entriesStatements(
            List<Entry> entries, Map<Long, Boolean> customer, Instant now, boolean withDebits) {
        List<MultiRowInsert.Statement> statements = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += 200) {
            List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + 200));
            Map<Long, Long> debits = new TreeMap<>();
            if (withDebits) {
                for (Entry e : chunk) {
                    for (Leg leg : e.legs()) {
                        if (!isPending(leg, customer)) {
                            debits.merge(leg.account().value(), leg.amount(), Math::addExact);
                        }
                    }
                }
            }
            statements.add(entriesStatement(chunk, customer, now, debits));
        }
        return statements;
    }

    /**
     * PostgreSQL: the entries, their postings and their pending credits in one statement: the journal
     * rows' ids go to the postings inside the statement. With {@code debits} (account → the sum of
     * its customer debits, negative) the statement also applies those, each guarded by the
     * non-negative check, and inserts no pending credit unless every one was applied: the count it
     * reports then differs from the one expected, and the statement's caller fails.
     */
    private MultiRowInsert.Statement entriesStatement(
            List<Entry> entries, Map<Long, Boolean> customer, Instant now, Map<Long, Long> debits) {
        StringBuilder sql = new StringBuilder("with ");
        List<Object> params = new ArrayList<>();
        if (!debits.isEmpty()) {
            sql.append("d as (update ledger_account a set balance = a.balance + dv.amount from (values ")
                    .append(String.join(", ", Collections.nCopies(debits.size(), "(?::bigint, ?::bigint)")))
                    .append(
                            ") as dv (id, amount) where a.id = dv.id and a.balance + dv.amount >= 0 returning a.id),\n ");
            debits.forEach((account, amount) -> {
                params.add(account);
                params.add(amount);
            });
        }
        sql.append("j as (insert into journal_entry (entry_type, reference, currency, created_at) values ");
        Timestamp at = Timestamp.from(now);
        int legs = 0;
        int pending = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
            params.addAll(List.of(e.type().name(), e.reference(), e.currency().getCurrencyCode(), at));
        }
        sql.append(" returning id, entry_type, reference),\n v (entry_type, reference, account_id, amount, pending) as"
                + " (values ");
        for (Entry e : entries) {
            for (Leg leg : e.legs()) {
                boolean waits = isPending(leg, customer);
                sql.append(legs++ == 0 ? "" : ", ")
                        .append("(?::varchar, ?::varchar, ?::bigint, ?::bigint, ?::boolean)");
                params.addAll(
                        List.of(e.type().name(), e.reference(), leg.account().value(), leg.amount(), waits));
                pending += waits ? 1 : 0;
            }
        }
        sql.append("""
                ),
                 p as (insert into posting (entry_id, account_id, amount, entry_type, reference, created_at)
                    select j.id, v.account_id, v.amount, v.entry_type, v.reference, ? from v join j using (entry_type, reference)
                    returning 1)
                insert into pending_posting (account_id, amount)
                select account_id, amount from v where pending and (select count(*) from p) = ?""");
        params.add(at);
        params.add(legs);
        if (!debits.isEmpty()) {
            sql.append(" and (select count(*) from d) = ?");
            params.add(debits.size());
        }
        if (!debits.isEmpty() && pending == 0) {
            // a balanced entry has a credit, and every credit waits: cannot happen
            throw new IllegalStateException("Entries without a pending credit cannot report their debits");
        }
        // what the statement reports: the pending credits it inserted
        return new MultiRowInsert.Statement(sql.toString(), params.toArray(), pending);
    }

    /** Entries of {@link #postAll} written with the transaction's other buffered inserts. */
    private final TransactionBuffer<MultiRowInsert.Statement> entriesAtCommit;

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
                Boolean customer = customerFlags.get(id);
                if (customer == null) {
                    customer = jdbc.sql("select customer from ledger_account where id = ?")
                            .param(id)
                            .query(Boolean.class)
                            .optional()
                            .orElseThrow(() -> new IllegalArgumentException("No such account: " + id));
                    customerFlags.put(id, customer);
                }
                flags.put(id, customer);
            }
        }
        return flags;
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
     * Folds the pending postings of up to {@code maxAccounts} accounts into their balances, all in one
     * short transaction. Accounts another transaction holds (a roll-up of another instance, a payment
     * debiting a wallet) are skipped and folded next time.
     *
     * @return the number of accounts folded
     */
    @Transactional(propagation = Propagation.NEVER)
    public int rollUp(int maxAccounts) {
        List<Long> accounts = jdbc.sql("select distinct account_id from pending_posting")
                .query(Long.class)
                .list();
        if (accounts.isEmpty()) {
            return 0;
        }
        List<Long> some = accounts.subList(0, Math.min(maxAccounts, accounts.size()));
        Integer folded = transactions.execute(status -> {
            List<Long> locked = jdbc.sql("select id from ledger_account where id in ("
                            + MultiRowInsert.placeholders(some.size()) + ") order by id " + lockClause()
                            + " skip locked")
                    .params(some.toArray())
                    .query(Long.class)
                    .list();
            foldPending(locked);
            return locked.size();
        });
        return folded == null ? 0 : folded;
    }

    private void rollUpLocked(AccountId account) {
        jdbc.sql("select id from ledger_account where id = ? " + lockClause())
                .param(account.value())
                .query(Long.class)
                .single();
        foldPending(List.of(account.value()));
    }

    /**
     * The account row lock a roll-up takes. On PostgreSQL {@code FOR NO KEY UPDATE}: it does not
     * conflict with the {@code KEY SHARE} lock a foreign key check takes on an account, so writers
     * of rows referencing the account never wait for its roll-up.
     */
    private String lockClause() {
        return postgres ? "for no key update" : "for update";
    }

    /**
     * Folds the accounts' pending postings into their balances. The caller holds the accounts' row
     * locks, and only a holder of that lock removes an account's pending rows, so each pending row is
     * folded exactly once: on PostgreSQL the delete returns exactly the rows it removed (rows
     * committed meanwhile stay for the next roll-up); on H2 the rows read are the rows deleted, by id.
     */
    private void foldPending(List<Long> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        Map<Long, Long> sums = new TreeMap<>();
        if (postgres) {
            jdbc.sql("delete from pending_posting where account_id = any(?) returning account_id, amount")
                    .param(accounts.toArray(Long[]::new))
                    .query(rs -> {
                        sums.merge(rs.getLong(1), rs.getLong(2), Math::addExact);
                    });
        } else {
            List<Long> ids = new ArrayList<>();
            jdbc.sql("select id, account_id, amount from pending_posting where account_id in ("
                            + MultiRowInsert.placeholders(accounts.size()) + ")")
                    .params(accounts.toArray())
                    .query(rs -> {
                        ids.add(rs.getLong(1));
                        sums.merge(rs.getLong(2), rs.getLong(3), Math::addExact);
                    });
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                jdbcTemplate.update(
                        "delete from pending_posting where id in (" + MultiRowInsert.placeholders(chunk.size()) + ")",
                        chunk.toArray());
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        List<Map.Entry<Long, Long>> updates = List.copyOf(sums.entrySet()); // account order
        jdbcTemplate.batchUpdate(
                "update ledger_account set balance = balance + ? where id = ?", updates, updates.size(), (ps, u) -> {
                    ps.setLong(1, u.getValue());
                    ps.setLong(2, u.getKey());
                });
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
