package com.safepay.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The merchant's payment password for refunds from the back office: bcrypt, and locked for a while
 * after repeated wrong tries. Checks run in their own transaction so that a wrong try is counted
 * even though the refund it guarded does not happen.
 */
@Component
class PaymentPasswords {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(30);

    enum Check {
        OK,
        WRONG,
        LOCKED,
        NOT_SET
    }

    record Result(Check check, int remainingTries) {}

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    PaymentPasswords(
            JdbcClient jdbc, PasswordEncoder encoder, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    void set(long merchantId, String password) {
        String hash = encoder.encode(password);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                        update merchant_payment_password set password_hash = ?, failed_attempts = 0, locked_until = null,
                            updated_at = ?
                        where merchant_id = ?""").params(hash, now, merchantId).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into merchant_payment_password (merchant_id, password_hash, failed_attempts, updated_at)
                            values (?, ?, 0, ?)""").params(merchantId, hash, now).update();
        }
    }

    boolean isSet(long merchantId) {
        return jdbc.sql("select count(*) from merchant_payment_password where merchant_id = ?")
                        .param(merchantId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Result check(long merchantId, String password) {
        return ownTransaction.execute(status -> {
            var row = jdbc.sql("""
                            select password_hash, failed_attempts, locked_until from merchant_payment_password
                            where merchant_id = ? for update""")
                    .param(merchantId)
                    .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getTimestamp(3)})
                    .optional();
            if (row.isEmpty()) {
                return new Result(Check.NOT_SET, 0);
            }
            Instant now = clock.instant();
            Timestamp lockedUntil = (Timestamp) row.get()[2];
            if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
                return new Result(Check.LOCKED, 0);
            }
            int failures = lockedUntil != null ? 0 : (Integer) row.get()[1];
            if (password != null && encoder.matches(password, (String) row.get()[0])) {
                jdbc.sql(
                                "update merchant_payment_password set failed_attempts = 0, locked_until = null where merchant_id = ?")
                        .param(merchantId)
                        .update();
                return new Result(Check.OK, MAX_FAILURES);
            }
            failures++;
            boolean lock = failures >= MAX_FAILURES;
            jdbc.sql("update merchant_payment_password set failed_attempts = ?, locked_until = ? where merchant_id = ?")
                    .params(lock ? 0 : failures, lock ? Timestamp.from(now.plus(LOCK)) : null, merchantId)
                    .update();
            return lock ? new Result(Check.LOCKED, 0) : new Result(Check.WRONG, MAX_FAILURES - failures);
        });
    }
}
