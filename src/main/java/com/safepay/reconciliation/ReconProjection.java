package com.safepay.reconciliation;

import com.safepay.payment.Trade;
import com.safepay.payment.TradeChangedEvent;
import com.safepay.shared.TransactionBuffer;
import com.safepay.shared.jdbc.MultiRowInsert;
import com.safepay.shared.jdbc.StatementPipeline;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the read model's daily sums in step with the trades, in the transaction of each change: the
 * change of a trade's daily sums is appended as deltas (folded into {@code recon_daily} by
 * {@link DailyFold}). The rows of 交易明细 need no copy: {@code recon_trade} is a view of the trades
 * themselves (V8). The engine holds the trade row (locked or conditionally updated) until commit, so
 * changes of one trade arrive here one after the other, each with the state it left.
 */
@Component
class ReconProjection {

    /** The part of a trade the daily sums count. */
    record State(
            long merchantId,
            Instant createdAt,
            String type,
            String status,
            boolean refunded,
            long amount,
            long refundTotal,
            long fee,
            long net) {

        static State of(Trade trade) {
            boolean paid = trade.isPaid();
            return new State(
                    trade.merchantId(),
                    trade.createdAt(),
                    trade.type().name(),
                    trade.status().name(),
                    trade.refundTotal() > 0,
                    trade.totalAmount(),
                    trade.refundTotal(),
                    paid ? trade.feeAmount() - trade.feeRefunded() : 0,
                    paid ? trade.net() : 0);
        }
    }

    private final JdbcTemplate jdbcTemplate;

    ReconProjection(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Changes of the current transaction, written together just before it commits. */
    private final TransactionBuffer<TradeChangedEvent> changes =
            new TransactionBuffer<>("the reconciliation read model", this::write);

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(TradeChangedEvent event) {
        changes.add(event);
    }

    /**
     * Appends the daily sums' deltas of the transaction's changes, merged per sum, in one statement:
     * a trade changed twice counts from its first previous state to its last state.
     */
    private void write(List<TradeChangedEvent> events, StatementPipeline pipeline) {
        Map<Long, State> first = new HashMap<>();
        Map<Long, State> latest = new LinkedHashMap<>();
        for (TradeChangedEvent event : events) {
            long id = event.trade().id();
            if (!latest.containsKey(id)) {
                first.put(id, event.created() ? null : State.of(event.previous()));
            }
            latest.put(id, State.of(event.trade()));
        }
        List<Delta> deltas = new ArrayList<>();
        for (Map.Entry<Long, State> e : latest.entrySet()) {
            State now = e.getValue();
            State was = first.get(e.getKey());
            if (was == null) {
                deltas.add(delta(now, 1));
            } else if (!was.equals(now)) {
                deltas.add(delta(was, -1));
                deltas.add(delta(now, 1));
            }
        }
        appendDeltas(deltas, pipeline);
    }

    private static final MultiRowInsert DELTA = new MultiRowInsert("""
            recon_daily_delta (merchant_id, trade_day, status, trade_type, refunded, trade_count, amount,
                refund_total, fee, net)""", 10);

    /** A change of one daily sum. */
    record Delta(
            long merchantId,
            LocalDate day,
            String status,
            String type,
            boolean refunded,
            long count,
            long amount,
            long refundTotal,
            long fee,
            long net) {

        Key key() {
            return new Key(merchantId, day, status, type, refunded);
        }
    }

    record Key(long merchantId, LocalDate day, String status, String type, boolean refunded) {}

    private static Delta delta(State s, int sign) {
        return new Delta(
                s.merchantId(),
                Window.day(s.createdAt()),
                s.status(),
                s.type(),
                s.refunded(),
                sign,
                sign * s.amount(),
                sign * s.refundTotal(),
                sign * s.fee(),
                sign * s.net());
    }

    private void appendDeltas(List<Delta> deltas, StatementPipeline pipeline) {
        Map<Key, Delta> merged = new LinkedHashMap<>();
        for (Delta d : deltas) {
            merged.merge(
                    d.key(),
                    d,
                    (m, n) -> new Delta(
                            m.merchantId(),
                            m.day(),
                            m.status(),
                            m.type(),
                            m.refunded(),
                            m.count() + n.count(),
                            m.amount() + n.amount(),
                            m.refundTotal() + n.refundTotal(),
                            m.fee() + n.fee(),
                            m.net() + n.net()));
        }
        List<Object[]> rows = new ArrayList<>();
        for (Delta d : merged.values()) {
            if (d.count() == 0 && d.amount() == 0 && d.refundTotal() == 0 && d.fee() == 0 && d.net() == 0) {
                continue; // a trade that left and re-entered the same bucket in this transaction
            }
            rows.add(new Object[] {
                d.merchantId(),
                Date.valueOf(d.day()),
                d.status(),
                d.type(),
                d.refunded(),
                d.count(),
                d.amount(),
                d.refundTotal(),
                d.fee(),
                d.net()
            });
        }
        pipeline.insert(jdbcTemplate, DELTA, rows);
    }
}
