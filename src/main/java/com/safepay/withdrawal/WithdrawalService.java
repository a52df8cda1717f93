package com.safepay.withdrawal;

import com.safepay.ledger.AccountId;
import com.safepay.ledger.AccountType;
import com.safepay.ledger.EntryType;
import com.safepay.ledger.InsufficientFundsException;
import com.safepay.ledger.LedgerService;
import com.safepay.ledger.Leg;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PaymentPasswordCheck;
import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import jakarta.annotation.security.RolesAllowed;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Withdrawals, in two phases on the ledger: a request moves the amount from the merchant's available
 * balance to "withdrawal in progress" (unavailable) in the transaction that records it — the
 * non-negative guard on the available balance means two withdrawals can never spend the same money;
 * the bank's answer then moves it out to bank settlement (paid) or back to available (declined).
 */
@Service
public class WithdrawalService {

    public static final long MINIMUM_FEN = 100;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** A search of the records; {@code null} fields do not filter. */
    public record Filter(Instant from, Instant to, WithdrawalStatus status) {}

    private final JdbcClient jdbc;
    private final LedgerService ledger;
    private final MerchantService merchants;
    private final BankAccountService bankAccounts;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate newTransaction;
    private final BankPayoutAdapter bank;
    private final long dailyLimitFen;

    WithdrawalService(
            JdbcClient jdbc,
            LedgerService ledger,
            MerchantService merchants,
            BankAccountService bankAccounts,
            CurrentUser currentUser,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager,
            BankPayoutAdapter bank,
            @Value("${safepay.withdrawal.daily-limit-fen:5000000}") long dailyLimitFen) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.merchants = merchants;
        this.bankAccounts = bankAccounts;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.bank = bank;
        this.dailyLimitFen = dailyLimitFen;
    }

    public long dailyLimitFen() {
        return dailyLimitFen;
    }

    /** How long the configured bank usually takes to pay out, when it says; shown before a merchant confirms. */
    public Optional<Duration> typicalSettlement() {
        return bank.typicalSettlement();
    }

    /** What may be withdrawn now: the available balance. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public Money withdrawable() {
        return Money.ofMinor(ledger.balance(account(AccountType.MERCHANT_AVAILABLE, myMerchantId())));
    }

    /** What the daily limit still allows today (China time), never below zero. */
    @RolesAllowed(Role.MERCHANT_NAME)
    @Transactional(readOnly = true)
    public Money leftToday() {
        return Money.ofMinor(Math.max(0, dailyLimitFen - withdrawnToday(myMerchantId())));
    }

    /** Today's withdrawals that hold or paid out money (failed ones gave it back). */
    private long withdrawnToday(long merchantId) {
        Instant dayStart =
                LocalDate.ofInstant(clock.instant(), CHINA).atStartOfDay(CHINA).toInstant();
        return jdbc.sql("""
                        select coalesce(sum(amount), 0) from withdrawal
                        where merchant_id = ? and requested_at >= ? and status <> 'FAILED'""")
                .params(merchantId, Timestamp.from(dayStart))
                .query(Long.class)
                .single();
    }

    /**
     * Requests a withdrawal. Idempotent on {@code requestId}: a repeat (double click, resubmission)
     * returns the first withdrawal and moves nothing.
     *
     * @throws WithdrawalException for every refusal (i18n key); nothing changed then
     */
    @RolesAllowed(Role.MERCHANT_NAME)
    @Transactional(propagation = Propagation.NEVER)
    public Withdrawal request(String requestId, long amountFen, long bankAccountId, String paymentPassword) {
        long merchantId = myMerchantId();
        if (requestId == null || !requestId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new WithdrawalException("withdrawal.error.request");
        }
        Optional<Withdrawal> earlier = byRequest(merchantId, requestId);
        if (earlier.isPresent()) {
            return repeat(earlier.get(), amountFen, bankAccountId);
        }
        checkAmountAndAccount(merchantId, amountFen, bankAccountId);
        PaymentPasswordCheck check = merchants.checkMyPaymentPassword(paymentPassword);
        switch (check.outcome()) {
            case WRONG -> throw new WithdrawalException("withdrawal.error.password", check.remainingTries());
            case LOCKED_TODAY -> throw new WithdrawalException("withdrawal.error.passwordLocked");
            case NOT_SET -> throw new WithdrawalException("withdrawal.error.passwordNotSet");
            case OK -> {
                // go on
            }
        }
        return submit(
                merchantId,
                requestId,
                amountFen,
                bankAccountId,
                currentUser.require().username());
    }

    private BankAccount checkAmountAndAccount(long merchantId, long amountFen, long bankAccountId) {
        if (amountFen < MINIMUM_FEN) {
            throw new WithdrawalException("withdrawal.error.minimum");
        }
        BankAccount bank = bankAccounts.find(bankAccountId);
        if (bank.merchantId() != merchantId || !bank.isUsable()) {
            throw new WithdrawalException("withdrawal.error.accountNotVerified");
        }
        return bank;
    }

    /** The request after the payment password: holds the money once per request id. */
    Withdrawal submit(long merchantId, String requestId, long amountFen, long bankAccountId, String actor) {
        Optional<Withdrawal> earlier = byRequest(merchantId, requestId);
        if (earlier.isPresent()) {
            return repeat(earlier.get(), amountFen, bankAccountId);
        }
        BankAccount bank = checkAmountAndAccount(merchantId, amountFen, bankAccountId);
        try {
            return newTransaction.execute(status -> hold(merchantId, requestId, amountFen, bank, actor));
        } catch (DuplicateKeyException concurrentRepeat) {
            return repeat(byRequest(merchantId, requestId).orElseThrow(), amountFen, bankAccountId);
        }
    }

    private Withdrawal repeat(Withdrawal earlier, long amountFen, long bankAccountId) {
        if (earlier.amount() != amountFen || earlier.bankAccountId() != bankAccountId) {
            throw new WithdrawalException("withdrawal.error.requestConflict");
        }
        return earlier;
    }

    private Withdrawal hold(long merchantId, String requestId, long amountFen, BankAccount bank, String actor) {
        // One withdrawal request of a merchant at a time: the daily limit is checked against a stable sum.
        jdbc.sql("select id from merchant where id = ? for update")
                .param(merchantId)
                .query(Long.class)
                .single();
        Instant now = clock.instant();
        // The balance first: money the merchant does not have is "insufficient", whatever the limit says.
        // The ledger's non-negative guard below still decides for concurrent postings.
        if (amountFen > ledger.balance(account(AccountType.MERCHANT_AVAILABLE, merchantId))) {
            throw new WithdrawalException("withdrawal.error.insufficient");
        }
        long today = withdrawnToday(merchantId);
        if (today + amountFen > dailyLimitFen) {
            throw new WithdrawalException(
                    "withdrawal.error.dailyLimit",
                    Money.ofMinor(dailyLimitFen - today).format());
        }
        String withdrawalNo = "W" + DAY.format(now.atZone(CHINA))
                + "%010d"
                        .formatted(jdbc.sql("select nextval('withdrawal_no_seq')")
                                .query(Long.class)
                                .single());
        jdbc.sql("""
                        insert into withdrawal (withdrawal_no, merchant_id, request_id, bank_account_id, amount, status,
                            requested_by, requested_at, next_check_at)
                        values (?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?)""")
                .params(
                        withdrawalNo,
                        merchantId,
                        requestId,
                        bank.id(),
                        amountFen,
                        actor,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        try {
            ledger.post(
                    EntryType.WITHDRAWAL_HOLD,
                    withdrawalNo,
                    Money.CNY,
                    List.of(
                            Leg.debit(account(AccountType.MERCHANT_AVAILABLE, merchantId), amountFen),
                            Leg.credit(account(AccountType.MERCHANT_WITHDRAWING, merchantId), amountFen)));
        } catch (InsufficientFundsException e) {
            throw new WithdrawalException("withdrawal.error.insufficient");
        }
        events.publishEvent(new AuditEvent(
                actor,
                "WITHDRAWAL_REQUEST",
                withdrawalNo,
                AuditEvent.Outcome.SUCCESS,
                null,
                AuditDetail.of(
                        "audit.detail.withdrawal",
                        AuditDetail.amount(amountFen),
                        AuditDetail.label("bank." + bank.bank().name()),
                        bank.maskedNumber())));
        return byNo(withdrawalNo);
    }

    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public List<Withdrawal> records(Filter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + COLUMNS + FROM + where
                        + " order by w.requested_at desc, w.id desc limit ? offset ?")
                .params(params)
                .query(WithdrawalService::withdrawal)
                .list();
    }

    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public long count(Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.sql("select count(*)" + FROM + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    private String where(Filter filter, List<Object> params) {
        if (filter.from() != null && filter.to() != null) {
            if (filter.from().isAfter(filter.to())) {
                throw new WithdrawalException("withdrawal.error.rangeOrder");
            }
            if (Duration.between(filter.from(), filter.to()).compareTo(Duration.ofDays(180)) > 0) {
                throw new WithdrawalException("withdrawal.error.range180");
            }
        }
        StringBuilder where = new StringBuilder(" where w.merchant_id = ?");
        params.add(myMerchantId());
        if (filter.from() != null) {
            where.append(" and w.requested_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and w.requested_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (filter.status() != null) {
            where.append(" and w.status = ?");
            params.add(filter.status().name());
        }
        return where.toString();
    }

    Withdrawal byNo(String withdrawalNo) {
        return jdbc.sql("select " + COLUMNS + FROM + " where w.withdrawal_no = ?")
                .param(withdrawalNo)
                .query(WithdrawalService::withdrawal)
                .single();
    }

    private Optional<Withdrawal> byRequest(long merchantId, String requestId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where w.merchant_id = ? and w.request_id = ?")
                .params(merchantId, requestId)
                .query(WithdrawalService::withdrawal)
                .optional();
    }

    private AccountId account(AccountType type, long merchantId) {
        return ledger.account(type, merchantId).orElseGet(() -> ledger.openAccount(type, merchantId));
    }

    private long myMerchantId() {
        SignedInUser user = currentUser.require();
        if (user.merchantId() == null) {
            throw new AccessDeniedException("User belongs to no merchant");
        }
        return user.merchantId();
    }

    static final String COLUMNS = """
             w.id, w.withdrawal_no, w.merchant_id, w.request_id, w.bank_account_id, b.bank_code, b.account_number,
             w.amount, w.status, w.failure_reason, w.requested_by, w.requested_at, w.sent_at, w.finished_at""";
    static final String FROM = " from withdrawal w join bank_account b on b.id = w.bank_account_id";

    static Withdrawal withdrawal(ResultSet rs, int n) throws SQLException {
        return new Withdrawal(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getLong(5),
                Bank.valueOf(rs.getString(6)),
                new BankAccountNumber(rs.getString(7)).masked(),
                rs.getLong(8),
                WithdrawalStatus.valueOf(rs.getString(9)),
                rs.getString(10),
                rs.getString(11),
                rs.getTimestamp(12).toInstant(),
                rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant(),
                rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant());
    }
}
