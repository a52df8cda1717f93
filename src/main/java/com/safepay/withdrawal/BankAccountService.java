package com.safepay.withdrawal;

import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Role;
import jakarta.annotation.security.RolesAllowed;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchants' bank accounts. A merchant adds one, it stays pending until an admin verifies it; admins
 * can add, verify and disable any. Numbers are masked everywhere but for an admin who asks, and every
 * change is audited.
 */
@Service
public class BankAccountService {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BankAccountService(JdbcClient jdbc, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException with an i18n key as message for bad input; nothing changes
     */
    @RolesAllowed(Role.MERCHANT_NAME)
    @Transactional
    public BankAccount addMine(String holderName, Bank bank, String branch, String accountNumber) {
        return add(myMerchantId(), holderName, bank, branch, accountNumber, BankAccountStatus.PENDING);
    }

    /** An admin adds an account for a merchant; admins vouch for it, so it is verified at once. */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public BankAccount addFor(long merchantId, String holderName, Bank bank, String branch, String accountNumber) {
        return add(merchantId, holderName, bank, branch, accountNumber, BankAccountStatus.VERIFIED);
    }

    private BankAccount add(
            long merchantId, String holderName, Bank bank, String branch, String number, BankAccountStatus status) {
        String holder = holderName == null ? "" : holderName.strip();
        String branchName = branch == null ? "" : branch.strip();
        if (holder.isEmpty() || holder.length() > 64) {
            throw new IllegalArgumentException("withdrawal.error.holder");
        }
        if (bank == null) {
            throw new IllegalArgumentException("withdrawal.error.bank");
        }
        if (branchName.isEmpty() || branchName.length() > 128) {
            throw new IllegalArgumentException("withdrawal.error.branch");
        }
        BankAccountNumber accountNumber = BankAccountNumber.parse(number);
        String actor = actor();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                            insert into bank_account (merchant_id, holder_name, bank_code, branch, account_number, status,
                                created_at, created_by, verified_at, verified_by)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            merchantId,
                            holder,
                            bank.name(),
                            branchName,
                            accountNumber.digits(),
                            status.name(),
                            Timestamp.from(clock.instant()),
                            actor,
                            status == BankAccountStatus.VERIFIED ? Timestamp.from(clock.instant()) : null,
                            status == BankAccountStatus.VERIFIED ? actor : null)
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("withdrawal.error.duplicateAccount");
        }
        audit(
                "BANK_ACCOUNT_ADD",
                accountNumber.masked(),
                AuditDetail.of(
                        "audit.detail.bankAccount",
                        AuditDetail.label("bank." + bank.name()),
                        AuditDetail.label("bank.status." + status.name())));
        return find(key.getKey().longValue());
    }

    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public List<BankAccount> mine() {
        return jdbc.sql("select " + COLUMNS + " from bank_account where merchant_id = ? order by id")
                .param(myMerchantId())
                .query(BankAccountService::account)
                .list();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public List<BankAccount> all() {
        return jdbc.sql("select " + COLUMNS + " from bank_account order by status desc, id")
                .query(BankAccountService::account)
                .list();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public BankAccount verify(long id) {
        return setStatus(id, BankAccountStatus.VERIFIED, "BANK_ACCOUNT_VERIFY");
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public BankAccount disable(long id) {
        return setStatus(id, BankAccountStatus.DISABLED, "BANK_ACCOUNT_DISABLE");
    }

    /** The full account number, for an admin who asks; audited. */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public String revealNumber(long id) {
        String number = jdbc.sql("select account_number from bank_account where id = ?")
                .param(id)
                .query(String.class)
                .single();
        audit("BANK_ACCOUNT_REVEAL", new BankAccountNumber(number).masked(), null);
        return number;
    }

    private BankAccount setStatus(long id, BankAccountStatus status, String action) {
        BankAccount account = find(id);
        if (status == BankAccountStatus.VERIFIED) {
            jdbc.sql("update bank_account set status = ?, verified_at = ?, verified_by = ? where id = ?")
                    .params(status.name(), Timestamp.from(clock.instant()), actor(), id)
                    .update();
        } else {
            // Who verified it stays: a disabled account that was never verified is one that was rejected.
            jdbc.sql("update bank_account set status = ? where id = ?")
                    .params(status.name(), id)
                    .update();
        }
        audit(
                action,
                account.maskedNumber(),
                AuditDetail.of(
                        "audit.detail.value",
                        AuditDetail.label("bank." + account.bank().name())));
        return find(id);
    }

    BankAccount find(long id) {
        return jdbc.sql("select " + COLUMNS + " from bank_account where id = ?")
                .param(id)
                .query(BankAccountService::account)
                .single();
    }

    /** The full number, for paying out; never leaves this module. */
    String number(long id) {
        return jdbc.sql("select account_number from bank_account where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private long myMerchantId() {
        SignedInUser user = currentUser.require();
        if (user.merchantId() == null) {
            throw new AccessDeniedException("User belongs to no merchant");
        }
        return user.merchantId();
    }

    private String actor() {
        return currentUser.get().map(SignedInUser::username).orElse("system");
    }

    private void audit(String action, String target, AuditDetail detail) {
        events.publishEvent(new AuditEvent(actor(), action, target, AuditEvent.Outcome.SUCCESS, null, detail));
    }

    static final String COLUMNS =
            "id, merchant_id, holder_name, bank_code, branch, account_number, status, created_at, created_by, verified_at, verified_by";

    static BankAccount account(ResultSet rs, int n) throws SQLException {
        return new BankAccount(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                Bank.valueOf(rs.getString(4)),
                rs.getString(5),
                new BankAccountNumber(rs.getString(6)).masked(),
                BankAccountStatus.valueOf(rs.getString(7)),
                rs.getTimestamp(8).toInstant(),
                rs.getString(9),
                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                rs.getString(11));
    }
}
