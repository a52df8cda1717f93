package com.safepay.payment;

import com.safepay.ledger.AccountId;
import com.safepay.ledger.AccountType;
import com.safepay.ledger.EntryType;
import com.safepay.ledger.LedgerService;
import com.safepay.ledger.Leg;
import com.safepay.shared.Money;
import com.safepay.shared.ReadOnce;
import com.safepay.shared.jdbc.MultiRowInsert;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Buyers: signing in to the cashier (five wrong passwords lock it for 30 minutes) and the payment
 * password (three wrong tries lock payments for the rest of the day, China time).
 */
@Service
public class BuyerService {

    static final int MAX_LOGIN_FAILURES = 5;
    static final Duration LOGIN_LOCK = Duration.ofMinutes(30);
    static final int MAX_PAYMENT_PASSWORD_FAILURES = 3;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public enum SignIn {
        OK,
        WRONG,
        LOCKED
    }

    public record SignInResult(SignIn outcome, Buyer buyer) {}

    public enum PasswordCheck {
        OK,
        WRONG,
        LOCKED_TODAY
    }

    /** @param remainingTries tries left today after a wrong password */
    public record PasswordResult(PasswordCheck outcome, int remainingTries) {}

    private final JdbcClient jdbc;
    private final LedgerService ledger;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String dummyHash;

    BuyerService(JdbcClient jdbc, LedgerService ledger, PasswordEncoder passwordEncoder, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.dummyHash = passwordEncoder.encode("no-such-buyer");
    }

    /** Registers a buyer with an empty wallet. */
    @Transactional
    public Buyer register(
            String loginName, String displayName, String loginPassword, String paymentPassword, String mobile) {
        String login = normalize(loginName);
        if (!login.matches("[a-z0-9._@+-]{3,64}")) {
            throw new IllegalArgumentException("Invalid buyer login: " + loginName);
        }
        if (paymentPassword == null || !paymentPassword.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("The payment password has six digits");
        }
        try {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into buyer (login_name, display_name, login_password_hash, payment_password_hash, mobile,
                        wallet_account_id, created_at)
                    values (?, ?, ?, ?, ?, null, ?)""")
                    .params(
                            login,
                            displayName,
                            passwordEncoder.encode(loginPassword),
                            passwordEncoder.encode(paymentPassword),
                            mobile,
                            Timestamp.from(clock.instant()))
                    .update(key, "id");
            long id = key.getKey().longValue();
            AccountId wallet = ledger.openAccount(AccountType.BUYER_WALLET, id);
            jdbc.sql("update buyer set wallet_account_id = ? where id = ?")
                    .params(wallet.value(), id)
                    .update();
            return buyer(id);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("Buyer login already taken: " + login);
        }
    }

    /** Puts money into a wallet from SafePay's bank (a deposit); idempotent on {@code reference}. */
    @Transactional
    public void deposit(long buyerId, Money amount, String reference) {
        Buyer buyer = buyer(buyerId);
        ledger.post(
                EntryType.DEPOSIT,
                reference,
                amount.currency(),
                List.of(
                        Leg.debit(ledger.platformAccount(AccountType.BANK_SETTLEMENT), amount.minorUnits()),
                        Leg.credit(new AccountId(buyer.walletAccountId()), amount.minorUnits())));
    }

    @Transactional(readOnly = true)
    public Buyer buyer(long id) {
        return jdbc.sql("select id, login_name, display_name, mobile, wallet_account_id from buyer where id = ?")
                .param(id)
                .query((rs, n) ->
                        new Buyer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .single();
    }

    /**
     * Several buyers by id, in one look-up. What a payment needs of a buyer (id, login, name, mobile,
     * wallet account) never changes once the buyer is registered, so buyers read once are kept.
     */
    @Transactional(readOnly = true)
    public Map<Long, Buyer> buyers(Collection<Long> ids) {
        return known.get(
                ids,
                missing -> jdbc.sql(
                                "select id, login_name, display_name, mobile, wallet_account_id from buyer where id in ("
                                        + MultiRowInsert.placeholders(missing.size()) + ")")
                        .params(missing)
                        .query((rs, n) -> new Buyer(
                                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                        .list());
    }

    /** Buyers read once; a buyer is kept once its wallet is opened (registration is done). */
    private final ReadOnce<Long, Buyer> known = new ReadOnce<>(Buyer::id, b -> b.walletAccountId() != 0);

    @Transactional(readOnly = true)
    public Optional<Buyer> findByLogin(String loginName) {
        return jdbc.sql(
                        "select id, login_name, display_name, mobile, wallet_account_id from buyer where login_name = ?")
                .param(normalize(loginName))
                .query((rs, n) ->
                        new Buyer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .optional();
    }

    @Transactional(readOnly = true)
    public Money balance(long buyerId) {
        return Money.ofMinor(ledger.balance(new AccountId(buyer(buyerId).walletAccountId())));
    }

    /** Checks the cashier sign-in; counts failures and locks after five in a row. */
    @Transactional
    public SignInResult signIn(String loginName, String password) {
        Instant now = clock.instant();
        var row = jdbc.sql("""
                        select id, login_password_hash, login_failures, login_locked_until from buyer
                        where login_name = ? for update""")
                .param(normalize(loginName))
                .query((rs, n) -> new Object[] {
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()
                })
                .optional();
        if (row.isEmpty()) {
            passwordEncoder.matches(password == null ? "" : password, dummyHash);
            return new SignInResult(SignIn.WRONG, null);
        }
        long id = (long) row.get()[0];
        Instant lockedUntil = (Instant) row.get()[3];
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return new SignInResult(SignIn.LOCKED, null);
        }
        if (!passwordEncoder.matches(password == null ? "" : password, (String) row.get()[1])) {
            int failures = (int) row.get()[2] + 1;
            boolean lock = failures >= MAX_LOGIN_FAILURES;
            jdbc.sql("update buyer set login_failures = ?, login_locked_until = ? where id = ?")
                    .params(lock ? 0 : failures, lock ? Timestamp.from(now.plus(LOGIN_LOCK)) : null, id)
                    .update();
            return new SignInResult(SignIn.WRONG, null);
        }
        jdbc.sql("update buyer set login_failures = 0, login_locked_until = null where id = ?")
                .param(id)
                .update();
        return new SignInResult(SignIn.OK, buyer(id));
    }

    /** Whether payments are locked today after three wrong payment passwords. */
    @Transactional(readOnly = true)
    public boolean isPaymentLockedToday(long buyerId) {
        return jdbc.sql("select payment_failures, payment_failure_day from buyer where id = ?")
                .param(buyerId)
                .query((rs, n) -> rs.getInt(1) >= MAX_PAYMENT_PASSWORD_FAILURES
                        && today().equals(rs.getObject(2, LocalDate.class)))
                .single();
    }

    /** Checks the payment password; the third wrong one today locks payments until tomorrow. */
    @Transactional
    public PasswordResult checkPaymentPassword(long buyerId, String password) {
        LocalDate today = today();
        var row = jdbc.sql(
                        "select payment_password_hash, payment_failures, payment_failure_day from buyer where id = ? for update")
                .param(buyerId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class)})
                .single();
        int failuresToday = today.equals(row[2]) ? (int) row[1] : 0;
        if (failuresToday >= MAX_PAYMENT_PASSWORD_FAILURES) {
            return new PasswordResult(PasswordCheck.LOCKED_TODAY, 0);
        }
        if (password != null && passwordEncoder.matches(password, (String) row[0])) {
            jdbc.sql("update buyer set payment_failures = 0, payment_failure_day = null where id = ?")
                    .param(buyerId)
                    .update();
            return new PasswordResult(PasswordCheck.OK, MAX_PAYMENT_PASSWORD_FAILURES);
        }
        int failures = failuresToday + 1;
        jdbc.sql("update buyer set payment_failures = ?, payment_failure_day = ? where id = ?")
                .params(failures, today, buyerId)
                .update();
        return failures >= MAX_PAYMENT_PASSWORD_FAILURES
                ? new PasswordResult(PasswordCheck.LOCKED_TODAY, 0)
                : new PasswordResult(PasswordCheck.WRONG, MAX_PAYMENT_PASSWORD_FAILURES - failures);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }

    private static String normalize(String login) {
        return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    }
}
