package com.safepay.payment;

import com.safepay.ledger.AccountId;
import com.safepay.ledger.AccountType;
import com.safepay.ledger.EntryType;
import com.safepay.ledger.InsufficientFundsException;
import com.safepay.ledger.LedgerService;
import com.safepay.ledger.Leg;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.PaymentException.Reason;
import com.safepay.payment.TradeStatus.Event;
import com.safepay.payment.TradeStatus.IllegalTransitionException;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment engine: creates trades and moves them through {@link TradeStatus}, posting every money
 * movement on the ledger in the same transaction as the status change. Each method either completes
 * whole or changes nothing.
 */
@Service
public class TradeService {

    private static final DateTimeFormatter TRADE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final TradeStore trades;
    private final LedgerService ledger;
    private final MerchantService merchants;
    private final BuyerService buyers;
    private final PaymentProperties properties;
    private final Clock clock;
    private final TransactionTemplate newTransaction;
    private final ApplicationEventPublisher events;
    private final CurrentUser currentUser;

    TradeService(
            TradeStore trades,
            LedgerService ledger,
            MerchantService merchants,
            BuyerService buyers,
            PaymentProperties properties,
            Clock clock,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            CurrentUser currentUser) {
        this.events = events;
        this.currentUser = currentUser;
        this.trades = trades;
        this.ledger = ledger;
        this.merchants = merchants;
        this.buyers = buyers;
        this.properties = properties;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** The result of create: the trade, and whether this call made it. */
    public record Created(Trade trade, boolean isNew) {}

    /**
     * Creates a trade, or returns the existing one for a repeat of the same request. Safe under
     * concurrent repeats: the unique (merchant, out_trade_no) key decides, losers read the winner's
     * trade.
     *
     * @throws PaymentException ORDER_NO_CONFLICT when out_trade_no names a different request
     */
    @Transactional(propagation = Propagation.NEVER)
    public Created create(CreateTrade request) {
        Optional<Trade> existing = trades.byOutTradeNo(request.merchantId(), request.outTradeNo());
        if (existing.isPresent()) {
            return repeat(request, existing.get());
        }
        MerchantView merchant = merchants.findForSystem(request.merchantId()).orElseThrow();
        if (!merchant.isActive()) {
            throw new PaymentException(Reason.MERCHANT_DISABLED, "Merchant is disabled");
        }
        try {
            Trade created = newTransaction.execute(status -> insert(request, merchant));
            return new Created(created, true);
        } catch (DuplicateKeyException concurrentRepeat) {
            return repeat(
                    request,
                    trades.byOutTradeNo(request.merchantId(), request.outTradeNo())
                            .orElseThrow());
        }
    }

    private Created repeat(CreateTrade request, Trade existing) {
        if (!request.sameAs(existing)) {
            throw new PaymentException(Reason.ORDER_NO_CONFLICT, "out_trade_no was used for a different trade");
        }
        return new Created(existing, false);
    }

    private Trade insert(CreateTrade request, MerchantView merchant) {
        Instant now = clock.instant();
        if (!merchant.realNameVerified()) {
            long volume = trades.volumeSinceLocked(merchant.id(), monthStart(now, merchant.zone()));
            if (volume + request.totalAmount() > FREE_MONTHLY_ALLOWANCE_FEN) {
                throw new PaymentException(
                        Reason.MERCHANT_QUOTA_EXCEEDED,
                        "The free allowance of an unverified merchant is used up this month");
            }
        }
        String tradeNo = TRADE_DATE.format(now.atZone(CHINA)) + "%012d".formatted(trades.nextTradeSequence());
        Trade trade = new Trade(
                0,
                tradeNo,
                merchant.id(),
                request.outTradeNo(),
                request.subject(),
                emptyToNull(request.body()),
                request.totalAmount(),
                request.type(),
                TradeStatus.WAIT_BUYER_PAY,
                request.notifyUrl(),
                emptyToNull(request.returnUrl()),
                request.timeoutExpress(),
                merchant.feeRatePpm(),
                Fees.fee(request.totalAmount(), merchant.feeRatePpm()),
                0,
                0,
                null,
                null,
                null,
                now,
                now.plus(CreateTrade.timeout(request.timeoutExpress())),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        trades.insert(trade);
        return changed(tradeNo);
    }

    /** 免费交易流量: what an unverified merchant may receive per calendar month (¥1,000). */
    public static final long FREE_MONTHLY_ALLOWANCE_FEN = 1_000_00;

    /** This calendar month's trade volume of a merchant (in its time zone), as the quota counts it. */
    @Transactional(readOnly = true)
    public Money monthVolume(long merchantId, ZoneId zone) {
        return Money.ofMinor(trades.volumeSince(merchantId, monthStart(clock.instant(), zone)));
    }

    private static Instant monthStart(Instant now, ZoneId zone) {
        return now.atZone(zone)
                .toLocalDate()
                .withDayOfMonth(1)
                .atStartOfDay(zone)
                .toInstant();
    }

    public String cashierUrl(Trade trade) {
        return properties.publicBaseUrl() + "/cashier/" + trade.tradeNo();
    }

    @Transactional(readOnly = true)
    public Optional<Trade> find(String tradeNo) {
        return trades.byTradeNo(tradeNo);
    }

    /**
     * Finds a merchant's trade by trade no and/or out_trade_no; both given must name the same trade.
     */
    @Transactional(readOnly = true)
    public Optional<Trade> findForMerchant(long merchantId, String tradeNo, String outTradeNo) {
        Optional<Trade> byTradeNo = tradeNo == null ? Optional.empty() : trades.byTradeNo(tradeNo);
        Optional<Trade> byOut = outTradeNo == null ? Optional.empty() : trades.byOutTradeNo(merchantId, outTradeNo);
        Optional<Trade> found;
        if (tradeNo != null && outTradeNo != null) {
            found = byTradeNo.isPresent()
                            && byOut.isPresent()
                            && byTradeNo.get().id() == byOut.get().id()
                    ? byTradeNo
                    : Optional.empty();
        } else {
            found = tradeNo != null ? byTradeNo : byOut;
        }
        return found.filter(t -> t.merchantId() == merchantId);
    }

    /**
     * The buyer pays a trade from the wallet: instant trades go to the merchant less the fee, escrow
     * trades into escrow. Exactly once: a second call finds the trade paid.
     *
     * @param riskTier the step-up the buyer passed ({@code CONFIRM}, {@code PASSWORD} ...), kept on the trade
     * @throws PaymentException INSUFFICIENT_BALANCE, TRADE_EXPIRED or TRADE_STATUS_ERROR; nothing moved
     */
    @Transactional
    public Trade pay(String tradeNo, long buyerId, String riskTier) {
        Trade trade = trades.byTradeNo(tradeNo).orElseThrow(() -> notFound());
        Instant now = clock.instant();
        if (trade.status() != TradeStatus.WAIT_BUYER_PAY) {
            throw new PaymentException(Reason.TRADE_STATUS_ERROR, "Trade is " + trade.status());
        }
        if (!now.isBefore(trade.expiresAt())) {
            throw new PaymentException(Reason.TRADE_EXPIRED, "Trade payment time is over");
        }
        Buyer buyer = buyers.buyer(buyerId);
        TradeStatus next = trade.status().next(Event.PAY, trade.type());
        if (!trades.markPaid(
                trade.id(),
                TradeStatus.WAIT_BUYER_PAY,
                next,
                buyerId,
                buyer.maskedAccount(),
                riskTier,
                now,
                now.plus(properties.refundWindow()))) {
            throw new PaymentException(Reason.TRADE_STATUS_ERROR, "Trade was paid or closed meanwhile");
        }
        List<Leg> legs = new ArrayList<>();
        AccountId wallet = new AccountId(buyer.walletAccountId());
        legs.add(Leg.debit(wallet, trade.totalAmount()));
        if (trade.type() == TradeType.INSTANT) {
            addSettlement(legs, trade.merchantId(), trade.totalAmount(), trade.feeAmount());
        } else {
            legs.add(Leg.credit(account(AccountType.MERCHANT_ESCROW, trade.merchantId()), trade.totalAmount()));
        }
        try {
            ledger.post(EntryType.PAYMENT, trade.tradeNo(), Money.CNY, legs);
        } catch (InsufficientFundsException e) {
            throw new PaymentException(Reason.INSUFFICIENT_BALANCE, "Wallet balance is too low");
        }
        Trade paid = changed(tradeNo);
        events.publishEvent(new TradeNotifiableEvent(TradeNotifiableEvent.Kind.TRADE_PAID, paid, null));
        audit(
                "buyer:" + buyer.maskedAccount(),
                "TRADE_PAY",
                trade,
                Money.ofMinor(trade.totalAmount()).toPlainString());
        return paid;
    }

    /** Merchant ships an escrow trade (WAIT_SELLER_SEND → WAIT_BUYER_CONFIRM). */
    @Transactional
    public Trade ship(long merchantId, String tradeNo) {
        Trade trade = lockForMerchant(merchantId, tradeNo);
        transition(trade, Event.SHIP);
        Instant now = clock.instant();
        trades.markShipped(trade.id(), now, now.plus(properties.autoConfirmAfter()));
        audit(merchantActor(merchantId), "TRADE_SHIP", trade, null);
        return changed(tradeNo);
    }

    /** Merchant closes an unpaid trade. */
    @Transactional
    public Trade close(long merchantId, String tradeNo) {
        Trade trade = lockForMerchant(merchantId, tradeNo);
        transition(trade, Event.CLOSE_UNPAID);
        trades.markClosed(trade.id(), clock.instant(), "MERCHANT_CLOSED");
        audit(merchantActor(merchantId), "TRADE_CLOSE", trade, null);
        return changed(tradeNo);
    }

    /** The buyer confirms receipt of an escrow trade: escrow is released to the merchant less the fee. */
    @Transactional
    public Trade confirmReceipt(long buyerId, String tradeNo) {
        Trade trade = trades.lock(tradeNo).orElseThrow(() -> notFound());
        if (trade.buyerId() == null || trade.buyerId() != buyerId) {
            throw notFound();
        }
        Trade released = release(trade);
        audit("buyer:" + trade.buyerAccount(), "TRADE_CONFIRM", trade, null);
        return released;
    }

    private Trade release(Trade trade) {
        transition(trade, Event.CONFIRM);
        long remaining = trade.totalAmount() - trade.refundTotal();
        long fee = trade.feeAmount() - trade.feeRefunded();
        List<Leg> legs = new ArrayList<>();
        legs.add(Leg.debit(account(AccountType.MERCHANT_ESCROW, trade.merchantId()), remaining));
        addSettlement(legs, trade.merchantId(), remaining, fee);
        ledger.post(EntryType.ESCROW_RELEASE, trade.tradeNo(), Money.CNY, legs);
        trades.markConfirmed(trade.id(), clock.instant());
        Trade confirmed = changed(trade.tradeNo());
        events.publishEvent(new TradeNotifiableEvent(TradeNotifiableEvent.Kind.TRADE_CONFIRMED, confirmed, null));
        return confirmed;
    }

    /** Settlement legs: the merchant gets {@code amount − fee}, SafePay the fee. */
    private void addSettlement(List<Leg> legs, long merchantId, long amount, long fee) {
        if (amount - fee != 0) {
            legs.add(Leg.credit(account(AccountType.MERCHANT_AVAILABLE, merchantId), amount - fee));
        }
        if (fee != 0) {
            legs.add(Leg.credit(ledger.platformAccount(AccountType.PLATFORM_FEE_INCOME), fee));
        }
    }

    /** The result of a refund call: the refund and the trade after it; {@code repeated} when nothing moved. */
    public record RefundResult(Refund refund, Trade trade, boolean repeated) {}

    /**
     * Refunds part or all of a paid trade to the buyer's wallet, with the proportional fee. A repeat
     * with the same out_request_no and amount returns the first result and moves nothing.
     */
    @Transactional
    public RefundResult refund(long merchantId, String tradeNo, String outRequestNo, long amount, String reason) {
        Trade trade = lockForMerchant(merchantId, tradeNo);
        Optional<Refund> earlier = trades.refund(trade.id(), outRequestNo);
        if (earlier.isPresent()) {
            if (earlier.get().amount() != amount) {
                throw new PaymentException(Reason.REQUEST_NO_CONFLICT, "out_request_no was used for another amount");
            }
            return new RefundResult(earlier.get(), trade, true);
        }
        if (!trade.status().isRefundable()) {
            throw new PaymentException(Reason.TRADE_STATUS_ERROR, "Trade is " + trade.status());
        }
        if (amount <= 0 || amount > trade.totalAmount() - trade.refundTotal()) {
            throw new PaymentException(Reason.REFUND_AMOUNT_EXCEEDED, "Refunds would exceed the paid amount");
        }
        long feeRefund = Fees.feeRefund(
                trade.feeAmount(), trade.totalAmount(), trade.refundTotal(), trade.feeRefunded(), amount);
        Buyer buyer = buyers.buyer(trade.buyerId());
        List<Leg> legs = new ArrayList<>();
        legs.add(Leg.credit(new AccountId(buyer.walletAccountId()), amount));
        if (trade.status().isSettledToMerchant()) {
            // Money sits at the merchant and SafePay: both give back their share.
            if (amount - feeRefund != 0) {
                legs.add(Leg.debit(account(AccountType.MERCHANT_AVAILABLE, merchantId), amount - feeRefund));
            }
            if (feeRefund != 0) {
                legs.add(Leg.debit(ledger.platformAccount(AccountType.PLATFORM_FEE_INCOME), feeRefund));
            }
        } else {
            // Still in escrow: no fee was charged yet; the fee share is simply not charged at release.
            legs.add(Leg.debit(account(AccountType.MERCHANT_ESCROW, merchantId), amount));
        }
        trades.insertRefund(trade.id(), outRequestNo, amount, feeRefund, reason, clock.instant());
        Refund refund = trades.refund(trade.id(), outRequestNo).orElseThrow();
        try {
            ledger.post(EntryType.REFUND, trade.tradeNo() + "/" + refund.id(), Money.CNY, legs);
        } catch (InsufficientFundsException e) {
            throw new PaymentException(
                    Reason.INSUFFICIENT_MERCHANT_BALANCE, "The merchant's available balance cannot cover the refund");
        }
        trades.addRefund(trade.id(), amount, feeRefund);
        audit(
                merchantActor(merchantId),
                "TRADE_REFUND",
                trade,
                Money.ofMinor(amount).toPlainString() + " " + outRequestNo);
        if (trade.refundTotal() + amount == trade.totalAmount()) {
            transition(trade, Event.REFUND_ALL);
            trades.markClosed(trade.id(), clock.instant(), "FULL_REFUND");
        }
        Trade after = changed(trade.tradeNo());
        events.publishEvent(new TradeNotifiableEvent(TradeNotifiableEvent.Kind.REFUND_SUCCEEDED, after, refund));
        return new RefundResult(refund, after, false);
    }

    @Transactional(readOnly = true)
    public Optional<Refund> findRefund(long tradeId, String outRequestNo) {
        return trades.refund(tradeId, outRequestNo);
    }

    @Transactional(readOnly = true)
    public List<Refund> refunds(long tradeId) {
        return trades.refunds(tradeId);
    }

    @Transactional(readOnly = true)
    public List<Trade> purchases(long buyerId, int limit) {
        return trades.byBuyer(buyerId, limit);
    }

    /** Closes unpaid trades whose time is over. @return how many */
    @Transactional
    public int closeExpired(int limit) {
        List<Trade> due = trades.claimDue(TradeStatus.WAIT_BUYER_PAY, "expires_at", clock.instant(), limit);
        due.forEach(trade -> {
            trades.markClosed(trade.id(), clock.instant(), "TIMEOUT");
            changed(trade.tradeNo());
        });
        return due.size();
    }

    /** Confirms shipped escrow trades the buyer did not confirm in time. @return how many */
    @Transactional
    public int autoConfirm(int limit) {
        List<Trade> due = trades.claimDue(TradeStatus.WAIT_BUYER_CONFIRM, "confirm_due_at", clock.instant(), limit);
        due.forEach(trade -> {
            release(trade);
            audit("system", "TRADE_AUTO_CONFIRM", trade, null);
        });
        return due.size();
    }

    /** Finishes successful trades whose refund window has ended. @return how many */
    @Transactional
    public int finishDue(int limit) {
        List<Trade> due = trades.claimDue(TradeStatus.TRADE_SUCCESS, "finish_due_at", clock.instant(), limit);
        due.forEach(trade -> {
            transition(trade, Event.FINISH);
            trades.markFinished(trade.id(), clock.instant());
            events.publishEvent(
                    new TradeNotifiableEvent(TradeNotifiableEvent.Kind.TRADE_FINISHED, changed(trade.tradeNo()), null));
        });
        return due.size();
    }

    /** Reads the trade after a change and tells read models about it, in the changing transaction. */
    private Trade changed(String tradeNo) {
        Trade after = trades.byTradeNo(tradeNo).orElseThrow();
        events.publishEvent(new TradeChangedEvent(after));
        return after;
    }

    /** Every money-moving or status-changing action leaves an audit line in its own transaction. */
    private void audit(String actor, String action, Trade trade, String detail) {
        events.publishEvent(new AuditEvent(actor, action, trade.tradeNo(), AuditEvent.Outcome.SUCCESS, null, detail));
    }

    /** The back-office user acting, or the merchant's API when no user is signed in. */
    private String merchantActor(long merchantId) {
        return currentUser
                .get()
                .map(CurrentUser.SignedInUser::username)
                .orElseGet(() -> "api:"
                        + merchants
                                .findForSystem(merchantId)
                                .orElseThrow()
                                .merchantNo()
                                .value());
    }

    private Trade lockForMerchant(long merchantId, String tradeNo) {
        return trades.lock(tradeNo).filter(t -> t.merchantId() == merchantId).orElseThrow(() -> notFound());
    }

    private static TradeStatus transition(Trade trade, Event event) {
        try {
            return trade.status().next(event, trade.type());
        } catch (IllegalTransitionException e) {
            throw new PaymentException(Reason.TRADE_STATUS_ERROR, "Trade is " + trade.status() + ": cannot " + event);
        }
    }

    private AccountId account(AccountType type, long merchantId) {
        return ledger.account(type, merchantId).orElseThrow();
    }

    private static PaymentException notFound() {
        return new PaymentException(Reason.TRADE_NOT_EXIST, "Trade does not exist");
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
