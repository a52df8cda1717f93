package com.safepay.merchant;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Money;
import com.safepay.shared.ReadOnce;
import com.safepay.shared.Role;
import com.safepay.shared.jdbc.MultiRowInsert;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and registers merchants. Merchant users only ever see their own merchant. */
@Service
public class MerchantService {

    /** Merchant no and seller account by id: fixed at registration, so read once per process. */
    private final ReadOnce<Long, MerchantIdentity> identities = new ReadOnce<>(MerchantIdentity::id, m -> true);

    private final MerchantRepository merchants;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LedgerService ledger;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;

    static final int MAX_PAYMENT_PASSWORD_FAILURES = 3;

    MerchantService(
            MerchantRepository merchants,
            CurrentUser currentUser,
            ApplicationEventPublisher events,
            Clock clock,
            LedgerService ledger,
            PasswordEncoder passwordEncoder,
            JdbcClient jdbc) {
        this.merchants = merchants;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.passwordEncoder = passwordEncoder;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** Balances of the signed-in user's merchant, straight from the ledger. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public MerchantBalances myBalances() {
        long merchantId = myMerchant().id();
        long available = ledger.account(AccountType.MERCHANT_AVAILABLE, merchantId)
                .map(ledger::balance)
                .orElse(0L);
        long escrow = ledger.account(AccountType.MERCHANT_ESCROW, merchantId)
                .map(ledger::balance)
                .orElse(0L);
        long withdrawing = ledger.account(AccountType.MERCHANT_WITHDRAWING, merchantId)
                .map(ledger::balance)
                .orElse(0L);
        return new MerchantBalances(Money.ofMinor(available), Money.ofMinor(escrow), Money.ofMinor(withdrawing));
    }

    /** The ledger account of the signed-in user's merchant of this type (available, escrow …). */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public java.util.Optional<com.safepay.ledger.AccountId> myAccount(AccountType type) {
        return ledger.account(type, myMerchant().id());
    }

    /** The signed-in merchant user's own merchant. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public MerchantView myMerchant() {
        Long merchantId = currentUser.require().merchantId();
        if (merchantId == null) {
            throw new AccessDeniedException("User belongs to no merchant");
        }
        return merchants.findById(merchantId).orElseThrow().toView();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public List<MerchantView> all() {
        return merchants.findAll().stream().map(Merchant::toView).toList();
    }

    /**
     * Looks a merchant up by id without a user check: for sign-in and background work, which run
     * before or outside any user session.
     */
    @Transactional(readOnly = true)
    public Optional<MerchantView> findForSystem(long id) {
        return merchants.findById(id).map(Merchant::toView);
    }

    /**
     * The fixed identity (merchant no, seller account) of several merchants, without a user check;
     * each merchant is read once per process.
     */
    @Transactional(readOnly = true)
    public Map<Long, MerchantIdentity> identitiesForSystem(Collection<Long> ids) {
        return identities.get(
                ids,
                missing -> findAllForSystem(missing).values().stream()
                        .map(m -> new MerchantIdentity(m.id(), m.merchantNo(), m.sellerAccount()))
                        .toList());
    }

    /**
     * Several merchants by id, in one look-up, without a user check (background work, batches); read
     * now, since status, fee rate and verification can change at any moment.
     */
    @Transactional(readOnly = true)
    public Map<Long, MerchantView> findAllForSystem(Collection<Long> ids) {
        // Plain SQL: this runs for every batch of payments, and an entity load would make Hibernate
        // manage (and dirty-check at commit) every merchant of the batch.
        Map<Long, MerchantView> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select id, merchant_no, name, seller_account, status, time_zone, real_name_verified, created_at,
                            fee_rate_ppm, public_key_pem is not null
                        from merchant where id in (""" + MultiRowInsert.placeholders(ids.size()) + ")")
                .params(List.copyOf(ids))
                .query((rs, n) -> new MerchantView(
                        rs.getLong(1),
                        new MerchantNo(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        MerchantStatus.valueOf(rs.getString(5)),
                        ZoneId.of(rs.getString(6)),
                        rs.getBoolean(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getInt(9),
                        rs.getBoolean(10)))
                .list()
                .forEach(m -> found.put(m.id(), m));
        return found;
    }

    @Transactional(readOnly = true)
    public Optional<MerchantView> findByMerchantNoForSystem(MerchantNo merchantNo) {
        return merchants.findByMerchantNo(merchantNo.value()).map(Merchant::toView);
    }

    /** Registers a merchant; used by platform set-up (demo data, admin). */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public MerchantView register(MerchantNo merchantNo, String name, String sellerAccount, ZoneId zone, String actor) {
        if (merchants.findByMerchantNo(merchantNo.value()).isPresent()) {
            throw new IllegalArgumentException("Merchant no already registered: " + merchantNo);
        }
        Merchant merchant = merchants.save(new Merchant(merchantNo, name, sellerAccount, zone, clock.instant()));
        ledger.openAccount(AccountType.MERCHANT_AVAILABLE, merchant.toView().id());
        ledger.openAccount(AccountType.MERCHANT_ESCROW, merchant.toView().id());
        ledger.openAccount(AccountType.MERCHANT_WITHDRAWING, merchant.toView().id());
        events.publishEvent(new AuditEvent(
                actor,
                "MERCHANT_REGISTER",
                merchantNo.value(),
                AuditEvent.Outcome.SUCCESS,
                null,
                AuditDetail.of("audit.detail.value", name)));
        return merchant.toView();
    }

    /** Sets a merchant's payment password (six digits); platform set-up and admins. */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public void setPaymentPassword(long merchantId, String password) {
        if (password == null || !password.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("The payment password has six digits");
        }
        Merchant merchant = merchants.findById(merchantId).orElseThrow();
        merchant.setPaymentPasswordHash(passwordEncoder.encode(password));
        events.publishEvent(new AuditEvent(
                actor(),
                "MERCHANT_PAYMENT_PASSWORD_SET",
                merchant.toView().merchantNo().value(),
                AuditEvent.Outcome.SUCCESS,
                null,
                null));
    }

    /** Whether the merchant has a payment password (支付密码); no user check (the caller checks). */
    @Transactional(readOnly = true)
    public boolean hasPaymentPasswordForSystem(long merchantId) {
        return merchants.findById(merchantId).orElseThrow().paymentPasswordHash() != null;
    }

    /**
     * Checks the signed-in merchant's payment password; the third wrong one in a day locks it until
     * the next day (China time). Failures are counted in their own transaction, so a refused money
     * movement still counts the failure.
     */
    @RolesAllowed(Role.MERCHANT_NAME)
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public PaymentPasswordCheck checkMyPaymentPassword(String password) {
        Merchant merchant = merchants.findById(myMerchant().id()).orElseThrow();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        if (merchant.paymentPasswordHash() == null) {
            return new PaymentPasswordCheck(PaymentPasswordCheck.Outcome.NOT_SET, 0);
        }
        int failures = merchant.paymentPasswordFailuresOn(today);
        if (failures >= MAX_PAYMENT_PASSWORD_FAILURES) {
            return new PaymentPasswordCheck(PaymentPasswordCheck.Outcome.LOCKED_TODAY, 0);
        }
        if (password != null && passwordEncoder.matches(password, merchant.paymentPasswordHash())) {
            merchant.resetPaymentPasswordFailures();
            return new PaymentPasswordCheck(PaymentPasswordCheck.Outcome.OK, MAX_PAYMENT_PASSWORD_FAILURES);
        }
        merchant.recordPaymentPasswordFailure(today);
        int remaining = MAX_PAYMENT_PASSWORD_FAILURES - merchant.paymentPasswordFailuresOn(today);
        events.publishEvent(new AuditEvent(
                currentUser.require().username(),
                "PAYMENT_PASSWORD",
                merchant.toView().merchantNo().value(),
                AuditEvent.Outcome.FAILURE,
                null,
                AuditDetail.of("audit.detail.triesLeft", remaining)));
        return remaining <= 0
                ? new PaymentPasswordCheck(PaymentPasswordCheck.Outcome.LOCKED_TODAY, 0)
                : new PaymentPasswordCheck(PaymentPasswordCheck.Outcome.WRONG, remaining);
    }

    /** Marks a merchant real-name verified (实名认证) or not; audited. */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public MerchantView setRealNameVerified(long merchantId, boolean verified) {
        Merchant merchant = merchants.findById(merchantId).orElseThrow();
        merchant.setRealNameVerified(verified, clock.instant());
        events.publishEvent(new AuditEvent(
                actor(),
                verified ? "MERCHANT_VERIFY" : "MERCHANT_UNVERIFY",
                merchant.toView().merchantNo().value(),
                AuditEvent.Outcome.SUCCESS,
                null,
                null));
        return merchant.toView();
    }

    private String actor() {
        return currentUser.get().map(CurrentUser.SignedInUser::username).orElse("system");
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public long count() {
        return merchants.count();
    }
}
