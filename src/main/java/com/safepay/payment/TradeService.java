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
import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Money;
import com.safepay.shared.SafePayClock;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.TransientDataAccessException;
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

    private static final Logger log = LoggerFactory.getLogger(TradeService.class);
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
    private final TradeWriter writer;

    /**
     * Trades this instance created that it has not seen paid or closed since, as created (trade no →
     * trade): a batch on PostgreSQL pays them without reading them first, claiming them at commit
     * with a guard on exactly this state ({@link TradeStore#claimAtCommit}). An entry may be stale
     * (the trade closed or paid elsewhere): the guard then fails the batch, which runs again
     * operation by operation. Recorded once their batch has committed; bounded: the oldest entries
     * are forgotten.
     */
    private final Map<String, Trade> createdUnpaid = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Trade> eldest) {
            return size() > CREATED_UNPAID_KEPT;
        }
    });

    private static final int CREATED_UNPAID_KEPT = 20_000;

    /** Batches that failed as a whole and whose operations ran again one by one. */
    private final AtomicLong batchesRunAgain = new AtomicLong();

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
        this.writer = new TradeWriter(
                "trade-writer",
                properties.writerLanes(),
                properties.writerBatch(),
                properties.writerGatherBatch(),
                properties.writerGather(),
                this::runBatch);
    }

    @PreDestroy
    void close() {
        writer.close();
    }

    /** The result of create: the trade, and whether this call made it. */
    public record Created(Trade trade, boolean isNew) {}

    /**
     * Creates a trade, or returns the existing one for a repeat of the same request. Safe under
     * concurrent repeats: the unique (merchant, out_trade_no) key decides, losers read the winner's
     * trade.
     *
     * @throws PaymentException ORDER_NO_CONFLICT when out_trade_no names a different request,
     *     MERCHANT_DISABLED, MERCHANT_QUOTA_EXCEEDED
     */
    @Transactional(propagation = Propagation.NEVER)
    public Created create(CreateTrade request) {
        return write(new CreateOp(request, now()));
    }

    /** Creation of one trade, queued for {@link #runBatch}. */
    static final class CreateOp extends TradeWriter.Op<Created> {
        final CreateTrade request;
        final Instant now;
        boolean retried;

        CreateOp(CreateTrade request, Instant now) {
            this.request = request;
            this.now = now;
        }

        String key() {
            return request.merchantId() + "/" + request.outTradeNo();
        }
    }

    /** A payment, queued for {@link #runBatch}. */
    static final class PayOp extends TradeWriter.Op<Trade> {
        final String tradeNo;
        final long buyerId;
        final String riskTier;
        final Instant now;
        Trade trade;
        Buyer buyer;
        TradeStatus next;

        PayOp(String tradeNo, long buyerId, String riskTier, Instant now) {
            this.tradeNo = tradeNo;
            this.buyerId = buyerId;
            this.riskTier = riskTier;
            this.now = now;
        }
    }

    /** Database timestamps keep microseconds: so do the trades built in memory. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private <R> R write(TradeWriter.Op<R> op) {
        if (clock instanceof SafePayClock safePayClock && safePayClock.isSetBack()) {
            // Demo seeding at a past time: the work must see this thread's clock, so it runs here.
            runBatch(List.of(op));
            try {
                return op.result.join();
            } catch (CompletionException e) {
                throw TradeWriter.rethrow(e.getCause());
            }
        }
        return writer.submit(op);
    }

    /**
     * How many batches failed as a whole and had their operations run again one by one (a guard
     * that held rows back, a concurrent repeat, or a failure logged as a warning); the payment
     * benchmark prints it per workload.
     */
    public long batchesRunAgain() {
        return batchesRunAgain.get();
    }

    /**
     * A batch that fails as a whole costs a transaction more than its operations alone: expected
     * when a guard held rows back (a short wallet, a trade changed elsewhere), a repeat committed
     * concurrently or a lock was contended; anything else (a request the database refuses, a
     * statement it cannot run) is worth a warning, since batches that keep failing would otherwise
     * only show as a slower engine.
     */
    private static void logBatchFailure(int operations, RuntimeException failure) {
        if (failure instanceof IncorrectResultSizeDataAccessException
                || failure instanceof DuplicateKeyException
                || failure instanceof TransientDataAccessException) {
            log.debug("A batch of {} trade operations failed as a whole; each runs again alone", operations, failure);
        } else {
            log.warn(
                    "A batch of {} trade operations failed as a whole ({}: {}); each runs again alone",
                    operations,
                    failure.getClass().getSimpleName(),
                    NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
        }
    }

    /**
     * Runs queued creations and payments in one transaction. Each operation's outcome (its trade, or
     * the business reason it was refused) is what it would be alone, and is handed to its caller only
     * after the commit. If the transaction fails as a whole (a concurrent duplicate, a constraint, a
     * lost connection), nothing of it stays and each operation runs again alone, so one bad request
     * never fails its neighbours.
     */
    void runBatch(List<TradeWriter.Op<?>> ops) {
        try {
            newTransaction.executeWithoutResult(status -> execute(ops));
        } catch (RuntimeException failure) {
            if (ops.size() > 1) {
                batchesRunAgain.incrementAndGet();
                logBatchFailure(ops.size(), failure);
                for (TradeWriter.Op<?> op : ops) {
                    runBatch(List.of(op));
                }
                return;
            }
            TradeWriter.Op<?> op = ops.get(0);
            if (failure instanceof DuplicateKeyException && op instanceof CreateOp create && !create.retried) {
                // A concurrent repeat committed first: now the look-up finds its trade.
                create.retried = true;
                runBatch(ops);
                return;
            }
            op.refuse(failure);
            op.publish();
            return;
        }
        ops.forEach(this::remember);
        ops.forEach(TradeWriter.Op::publish);
    }

    /**
     * Once its batch has committed: a trade an operation created is known unpaid (PostgreSQL), one it
     * paid no longer.
     */
    private void remember(TradeWriter.Op<?> op) {
        switch (op) {
            case CreateOp c
            when c.value() != null && c.value().isNew() && trades.onPostgreSql() ->
                createdUnpaid.put(c.value().trade().tradeNo(), c.value().trade());
            case PayOp p when p.value() != null -> createdUnpaid.remove(p.tradeNo);
            default -> {
                // refused: nothing changed
            }
        }
    }

    private void execute(List<TradeWriter.Op<?>> ops) {
        List<CreateOp> creates = new ArrayList<>();
        List<PayOp> pays = new ArrayList<>();
        for (TradeWriter.Op<?> op : ops) {
            op.reset();
            switch (op) {
                case CreateOp c -> creates.add(c);
                case PayOp p -> pays.add(p);
                default -> throw new IllegalArgumentException("Unknown operation " + op);
            }
        }
        if (!creates.isEmpty()) {
            createAll(creates);
        }
        if (!pays.isEmpty()) {
            payAll(pays, ops.size() > 1);
        }
    }

    private void createAll(List<CreateOp> ops) {
        if (!trades.onPostgreSql()) {
            createLookingUp(ops);
            return;
        }
        // PostgreSQL: the insert itself reads each merchant's fee rate and leaves out a trade whose
        // merchant is not active and verified, or whose out_trade_no is taken. Only those left out are
        // looked at further (the merchants and repeats looked up, the allowance counted), so a batch
        // of ordinary creations takes one statement.
        Map<String, CreateOp> firstOfKey = new LinkedHashMap<>();
        List<CreateOp> repeatsInBatch = new ArrayList<>();
        for (CreateOp op : ops) {
            if (firstOfKey.putIfAbsent(op.key(), op) != null) {
                repeatsInBatch.add(op);
            }
        }
        List<CreateOp> firsts = List.copyOf(firstOfKey.values());
        List<Trade> rows = new ArrayList<>(firsts.size());
        for (CreateOp op : firsts) {
            rows.add(newTrade(tradeDay(op.now), op.request, op.request.merchantId(), 0, op.now));
        }
        Map<String, TradeStore.InsertedWithFee> inserted = trades.insertForActiveMerchants(rows);
        List<CreateOp> left = new ArrayList<>();
        for (int i = 0; i < firsts.size(); i++) {
            CreateOp op = firsts.get(i);
            TradeStore.InsertedWithFee key = inserted.get(op.key());
            if (key == null) {
                left.add(op);
                continue;
            }
            Trade trade = newTrade(key.tradeNo(), op.request, op.request.merchantId(), key.feeRatePpm(), op.now)
                    .withId(key.id(), key.tradeNo());
            if (trade.feeAmount() != key.feeAmount()) {
                throw new IllegalStateException("The database computed the fee of " + key.tradeNo() + " as "
                        + key.feeAmount() + ", not " + trade.feeAmount());
            }
            op.succeed(new Created(trade, true));
            events.publishEvent(TradeChangedEvent.created(trade));
        }
        if (!left.isEmpty()) {
            createLookingUp(left);
        }
        for (CreateOp op : repeatsInBatch) {
            CreateOp first = firstOfKey.get(op.key());
            if (first.value() != null) {
                settleRepeat(op, first.value().trade());
            } else {
                // The first request with this out_trade_no was refused: so is its repeat.
                op.refuse(first.refusal());
            }
        }
    }

    private static String tradeDay(Instant now) {
        return TRADE_DATE.format(now.atZone(CHINA));
    }

    /**
     * Creations with their merchants and repeats looked up first: on H2 all of them, on PostgreSQL
     * those the insert left out.
     */
    private void createLookingUp(List<CreateOp> ops) {
        Set<Long> merchantIds = new TreeSet<>();
        for (CreateOp op : ops) {
            merchantIds.add(op.request.merchantId());
        }
        Map<Long, MerchantView> merchantsById = merchants.findAllForSystem(merchantIds);
        // A repeat of an existing trade gets that trade, whatever else has changed since. Where the
        // insert would fail on a repeat (H2), and where a request could be refused (merchant
        // disabled, unknown or on the free allowance), repeats are looked up first; on PostgreSQL
        // the others are found by the insert itself, which leaves a taken out_trade_no out.
        List<CreateOp> lookUp = trades.skipsTakenOrderNos()
                ? ops.stream()
                        .filter(op -> {
                            MerchantView m = merchantsById.get(op.request.merchantId());
                            return m == null || !m.isActive() || !m.realNameVerified();
                        })
                        .toList()
                : ops;
        Map<String, Trade> existing = existing(lookUp);
        // Unverified merchants' allowance: their rows locked in id order (so that two batches cannot
        // both squeeze under the limit, nor wait for each other in a circle), the allowance already
        // used this month (paid + still payable) read once and counted on through this batch.
        Map<Long, Long> volume = new HashMap<>();
        Instant batchNow = ops.get(0).now;
        for (Long id : merchantIds) {
            MerchantView m = merchantsById.get(id);
            if (m != null && m.isActive() && !m.realNameVerified()) {
                volume.put(id, trades.allowanceUsedLocked(id, monthStart(batchNow, m.zone())));
            }
        }
        List<CreateOp> inserting = new ArrayList<>();
        Map<String, CreateOp> firstOfKey = new HashMap<>();
        List<CreateOp> repeatsInBatch = new ArrayList<>();
        for (CreateOp op : ops) {
            CreateTrade r = op.request;
            Trade found = existing.get(op.key());
            if (found != null) {
                settleRepeat(op, found);
                continue;
            }
            if (firstOfKey.containsKey(op.key())) {
                repeatsInBatch.add(op);
                continue;
            }
            MerchantView m = merchantsById.get(r.merchantId());
            if (m == null) {
                op.refuse(new NoSuchElementException("No merchant " + r.merchantId()));
                continue;
            }
            if (!m.isActive()) {
                op.refuse(new PaymentException(Reason.MERCHANT_DISABLED, "Merchant is disabled"));
                continue;
            }
            if (!m.realNameVerified()) {
                long used = volume.get(m.id());
                if (used + r.totalAmount() > FREE_MONTHLY_ALLOWANCE_FEN) {
                    op.refuse(new PaymentException(
                            Reason.MERCHANT_QUOTA_EXCEEDED,
                            "This month's paid and still payable trades and this one would exceed the free allowance"
                                    + " of a merchant without real-name verification"));
                    continue;
                }
                volume.put(m.id(), used + r.totalAmount());
            }
            firstOfKey.put(op.key(), op);
            inserting.add(op);
        }
        Map<String, Trade> created = new HashMap<>();
        if (!inserting.isEmpty()) {
            List<Trade> rows = new ArrayList<>(inserting.size());
            for (CreateOp op : inserting) {
                // The trade no: this day, then the sequence's next number, added by the insert.
                MerchantView m = merchantsById.get(op.request.merchantId());
                rows.add(newTrade(tradeDay(op.now), op.request, m.id(), m.feeRatePpm(), op.now));
            }
            Map<String, TradeStore.Inserted> inserted = trades.insertAll(rows);
            List<CreateOp> taken = new ArrayList<>();
            for (int i = 0; i < inserting.size(); i++) {
                CreateOp op = inserting.get(i);
                TradeStore.Inserted key = inserted.get(op.key());
                if (key == null) {
                    taken.add(op); // its out_trade_no exists (or a concurrent repeat committed first)
                    continue;
                }
                Trade trade = rows.get(i).withId(key.id(), key.tradeNo());
                op.succeed(new Created(trade, true));
                created.put(op.key(), trade);
                events.publishEvent(TradeChangedEvent.created(trade));
            }
            Map<String, Trade> takenBy = existing(taken);
            for (CreateOp op : taken) {
                Trade found = takenBy.get(op.key());
                if (found == null) {
                    throw new IllegalStateException(
                            "out_trade_no " + op.request.outTradeNo() + " was taken, but by no trade");
                }
                settleRepeat(op, found);
                created.put(op.key(), found);
            }
        }
        for (CreateOp op : repeatsInBatch) {
            Trade first = created.get(op.key());
            if (first != null) {
                settleRepeat(op, first);
            } else {
                // The first request with this out_trade_no was refused: so is its repeat.
                op.refuse(firstOfKey.get(op.key()).refusal());
            }
        }
    }

    /** The existing trades of these creations, by "merchant id/out_trade_no". */
    private Map<String, Trade> existing(List<CreateOp> ops) {
        Map<String, Trade> found = new HashMap<>();
        if (ops.isEmpty()) {
            return found;
        }
        Set<Long> merchantIds = new TreeSet<>();
        Set<String> outTradeNos = new HashSet<>();
        for (CreateOp op : ops) {
            merchantIds.add(op.request.merchantId());
            outTradeNos.add(op.request.outTradeNo());
        }
        for (Trade t : trades.byOutTradeNos(merchantIds, outTradeNos)) {
            found.put(t.merchantId() + "/" + t.outTradeNo(), t);
        }
        return found;
    }

    private static void settleRepeat(CreateOp op, Trade existing) {
        if (!op.request.sameAs(existing)) {
            op.refuse(new PaymentException(Reason.ORDER_NO_CONFLICT, "out_trade_no was used for a different trade"));
        } else {
            op.succeed(new Created(existing, false));
        }
    }

    private static Trade newTrade(String tradeNo, CreateTrade request, long merchantId, int feeRatePpm, Instant now) {
        return new Trade(
                0,
                tradeNo,
                merchantId,
                request.outTradeNo(),
                request.subject(),
                emptyToNull(request.body()),
                request.totalAmount(),
                request.type(),
                TradeStatus.WAIT_BUYER_PAY,
                request.notifyUrl(),
                emptyToNull(request.returnUrl()),
                request.timeoutExpress(),
                feeRatePpm,
                Fees.fee(request.totalAmount(), feeRatePpm),
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
    }

    /** 免费交易流量: what an unverified merchant may receive per calendar month (¥1,000). */
    public static final long FREE_MONTHLY_ALLOWANCE_FEN = 1_000_00;

    /** This calendar month's use of a merchant's free allowance (in its time zone), as the quota counts it. */
    @Transactional(readOnly = true)
    public AllowanceUse monthAllowance(long merchantId, ZoneId zone) {
        return trades.allowanceUse(merchantId, monthStart(clock.instant(), zone));
    }

    private static Instant monthStart(Instant now, ZoneId zone) {
        return now.atZone(zone)
                .toLocalDate()
                .withDayOfMonth(1)
                .atStartOfDay(zone)
                .toInstant();
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
    @Transactional(propagation = Propagation.NEVER)
    public Trade pay(String tradeNo, long buyerId, String riskTier) {
        return write(new PayOp(tradeNo, buyerId, riskTier, now()));
    }

    /**
     * @param rerunOnFailure whether a failed commit runs the batch's operations again one by one (a
     *     batch of several): then payments may be claimed and debited at commit, since a failure
     *     there is decided again, exactly, alone
     */
    private void payAll(List<PayOp> ops, boolean rerunOnFailure) {
        Map<Long, Buyer> buyersById =
                buyers.buyers(ops.stream().map(op -> op.buyerId).collect(Collectors.toSet()));
        List<PayOp> claiming = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (PayOp op : ops) {
            op.trade = null; // from an earlier run of the operation, in a batch that failed
            if (!buyersById.containsKey(op.buyerId)) {
                op.refuse(new NoSuchElementException("No buyer " + op.buyerId));
            } else if (!claimed.add(op.tradeNo)) {
                op.refuse(new PaymentException(Reason.TRADE_STATUS_ERROR, "Trade was paid or closed meanwhile"));
            } else {
                op.buyer = buyersById.get(op.buyerId);
                claiming.add(op);
            }
        }
        if (claiming.isEmpty()) {
            return;
        }
        // Trade rows in trade no order (the order they were made in), then (in the ledger) wallets in
        // account order: batches never wait for each other in a circle. The state machine says where
        // a payment takes each type of trade.
        claiming.sort(Comparator.comparing(op -> op.tradeNo));
        TradeStatus ifInstant = TradeStatus.WAIT_BUYER_PAY.next(Event.PAY, TradeType.INSTANT);
        TradeStatus ifEscrow = TradeStatus.WAIT_BUYER_PAY.next(Event.PAY, TradeType.ESCROW);
        // Trades this instance created and knows unpaid (and not expired by now): claimed at commit,
        // guarded by that state; the others now, reading what they were.
        List<PayOp> known = new ArrayList<>();
        List<PayOp> unknown = new ArrayList<>();
        for (PayOp op : claiming) {
            Trade created = rerunOnFailure && trades.onPostgreSql() ? createdUnpaid.get(op.tradeNo) : null;
            if (created != null && op.now.isBefore(created.expiresAt())) {
                op.trade = created;
                known.add(op);
            } else {
                unknown.add(op);
            }
        }
        if (!known.isEmpty()) {
            trades.claimAtCommit(known.stream()
                    .map(op -> new TradeStore.KnownClaim(claim(op, ifInstant, ifEscrow), op.trade))
                    .toList());
        }
        Map<String, Trade> before = unknown.isEmpty()
                ? Map.of()
                : trades.claimForPayment(unknown.stream()
                        .map(op -> claim(op, ifInstant, ifEscrow))
                        .toList());
        List<PayOp> paying = new ArrayList<>();
        List<PayOp> refused = new ArrayList<>();
        for (PayOp op : claiming) {
            Trade trade = op.trade != null ? op.trade : before.get(op.tradeNo);
            if (trade == null) {
                refused.add(op);
            } else {
                op.trade = trade;
                op.next = trade.status().next(Event.PAY, trade.type());
                paying.add(op);
            }
        }
        refuseUnclaimed(refused);
        List<LedgerService.Entry> entries = new ArrayList<>(paying.size());
        for (PayOp op : paying) {
            Trade trade = op.trade;
            List<Leg> legs = new ArrayList<>();
            legs.add(Leg.debit(new AccountId(op.buyer.walletAccountId()), trade.totalAmount()));
            if (trade.type() == TradeType.INSTANT) {
                addSettlement(legs, trade.merchantId(), trade.totalAmount(), trade.feeAmount());
            } else {
                legs.add(Leg.credit(account(AccountType.MERCHANT_ESCROW, trade.merchantId()), trade.totalAmount()));
            }
            entries.add(new LedgerService.Entry(EntryType.PAYMENT, trade.tradeNo(), Money.CNY, legs));
        }
        // A batch of several: all or none, the debits with the entries at commit (a short wallet
        // fails the batch, whose operations then run one by one and each gets its exact outcome).
        // A lone operation: its debit now, so that a short wallet is refused at once.
        List<Boolean> posted;
        if (rerunOnFailure) {
            ledger.postAllAtCommit(entries);
            posted = Collections.nCopies(paying.size(), true);
        } else {
            posted = ledger.postAll(entries);
        }
        List<Long> uncovered = new ArrayList<>();
        for (int i = 0; i < paying.size(); i++) {
            PayOp op = paying.get(i);
            Trade trade = op.trade;
            if (!posted.get(i)) {
                uncovered.add(trade.id());
                op.refuse(new PaymentException(Reason.INSUFFICIENT_BALANCE, "Wallet balance is too low"));
                continue;
            }
            Trade paid = trade.paid(
                    op.next,
                    op.buyerId,
                    op.buyer.maskedAccount(),
                    op.riskTier,
                    op.now,
                    op.now.plus(properties.refundWindow()));
            op.succeed(paid);
            // The trade was claimed by a guard on exactly its unpaid state: that is what it was.
            events.publishEvent(TradeChangedEvent.changed(trade, paid));
            events.publishEvent(new TradeNotifiableEvent(TradeNotifiableEvent.Kind.TRADE_PAID, paid, null));
            audit(
                    "buyer:" + op.buyer.maskedAccount(),
                    "TRADE_PAY",
                    trade,
                    AuditDetail.of("audit.detail.value", AuditDetail.amount(trade.totalAmount())));
        }
        if (!uncovered.isEmpty()) {
            trades.unmarkPaid(uncovered);
        }
    }

    private TradeStore.Claim claim(PayOp op, TradeStatus ifInstant, TradeStatus ifEscrow) {
        return new TradeStore.Claim(
                op.tradeNo,
                ifInstant,
                ifEscrow,
                op.buyerId,
                op.buyer.maskedAccount(),
                op.riskTier,
                op.now,
                op.now.plus(properties.refundWindow()));
    }

    /** Tells each payment whose trade could not be claimed why: not there, not waiting for payment, expired. */
    private void refuseUnclaimed(List<PayOp> ops) {
        if (ops.isEmpty()) {
            return;
        }
        Map<String, Trade> byTradeNo = new HashMap<>();
        for (Trade t : trades.byTradeNos(ops.stream().map(op -> op.tradeNo).collect(Collectors.toSet()))) {
            byTradeNo.put(t.tradeNo(), t);
        }
        for (PayOp op : ops) {
            Trade trade = byTradeNo.get(op.tradeNo);
            if (trade == null) {
                op.refuse(notFound());
            } else if (trade.status() != TradeStatus.WAIT_BUYER_PAY) {
                op.refuse(new PaymentException(Reason.TRADE_STATUS_ERROR, "Trade is " + trade.status()));
            } else if (!op.now.isBefore(trade.expiresAt())) {
                op.refuse(new PaymentException(Reason.TRADE_EXPIRED, "Trade payment time is over"));
            } else {
                op.refuse(new PaymentException(Reason.TRADE_STATUS_ERROR, "Trade was paid or closed meanwhile"));
            }
        }
    }

    /** Merchant ships an escrow trade (WAIT_SELLER_SEND → WAIT_BUYER_CONFIRM). */
    @Transactional
    public Trade ship(long merchantId, String tradeNo) {
        Trade trade = lockForMerchant(merchantId, tradeNo);
        transition(trade, Event.SHIP);
        Instant now = clock.instant();
        trades.markShipped(trade.id(), now, now.plus(properties.autoConfirmAfter()));
        audit(merchantActor(merchantId), "TRADE_SHIP", trade, null);
        return changed(trade);
    }

    /** Merchant closes an unpaid trade. */
    @Transactional
    public Trade close(long merchantId, String tradeNo) {
        Trade trade = lockForMerchant(merchantId, tradeNo);
        transition(trade, Event.CLOSE_UNPAID);
        trades.markClosed(trade.id(), clock.instant(), "MERCHANT_CLOSED");
        createdUnpaid.remove(tradeNo);
        audit(merchantActor(merchantId), "TRADE_CLOSE", trade, null);
        return changed(trade);
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
        Trade confirmed = changed(trade);
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
                AuditDetail.of("audit.detail.refund", AuditDetail.amount(amount), outRequestNo));
        if (trade.refundTotal() + amount == trade.totalAmount()) {
            transition(trade, Event.REFUND_ALL);
            trades.markClosed(trade.id(), clock.instant(), "FULL_REFUND");
        }
        Trade after = changed(trade);
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

    /** One page of what the buyer bought, newest payment first, and how many purchases there are in all. */
    @Transactional(readOnly = true)
    public Purchases purchases(long buyerId, int offset, int limit) {
        return new Purchases(trades.byBuyer(buyerId, offset, limit), trades.countByBuyer(buyerId));
    }

    /** A page of a buyer's purchases and the count of all of them. */
    public record Purchases(List<Trade> page, long total) {}

    /** Closes unpaid trades whose time is over. @return how many */
    @Transactional
    public int closeExpired(int limit) {
        List<Trade> due = trades.claimDue(TradeStatus.WAIT_BUYER_PAY, "expires_at", clock.instant(), limit);
        due.forEach(trade -> {
            trades.markClosed(trade.id(), clock.instant(), "TIMEOUT");
            changed(trade);
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
                    new TradeNotifiableEvent(TradeNotifiableEvent.Kind.TRADE_FINISHED, changed(trade), null));
        });
        return due.size();
    }

    /**
     * Reads the trade after a change and tells read models about it, in the changing transaction,
     * with the trade as it was: {@code before} was read with its row locked (or claimed), so nothing
     * else changed it in between.
     */
    private Trade changed(Trade before) {
        Trade after = trades.byTradeNo(before.tradeNo()).orElseThrow();
        events.publishEvent(TradeChangedEvent.changed(before, after));
        return after;
    }

    /** Every money-moving or status-changing action leaves an audit line in its own transaction. */
    private void audit(String actor, String action, Trade trade, AuditDetail detail) {
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
