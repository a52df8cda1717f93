package com.safepay.merchant;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and registers merchants. Merchant users only ever see their own merchant. */
@Service
public class MerchantService {

    private final MerchantRepository merchants;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LedgerService ledger;

    MerchantService(
            MerchantRepository merchants,
            CurrentUser currentUser,
            ApplicationEventPublisher events,
            Clock clock,
            LedgerService ledger) {
        this.merchants = merchants;
        this.ledger = ledger;
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
        return new MerchantBalances(Money.ofMinor(available), Money.ofMinor(escrow));
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
        events.publishEvent(
                new AuditEvent(actor, "MERCHANT_REGISTER", merchantNo.value(), AuditEvent.Outcome.SUCCESS, null, name));
        return merchant.toView();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(readOnly = true)
    public long count() {
        return merchants.count();
    }
}
