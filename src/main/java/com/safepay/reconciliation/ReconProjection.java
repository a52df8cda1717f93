package com.safepay.reconciliation;

import com.safepay.payment.Trade;
import com.safepay.payment.TradeChangedEvent;
import com.safepay.shared.TransactionBuffer;
import com.safepay.shared.jdbc.Dialect;
import com.safepay.shared.jdbc.MultiRowInsert;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
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
 * Keeps the read model in step with the trades, in the transaction of each change: the trade's
 * {@code recon_trade} row is written and the change of its daily sums appended as deltas. The engine
 * holds the trade row (locked or conditionally updated) until commit, so changes of one trade arrive
 * here one after the other.
 */
@Component
class ReconProjection {

    private final JdbcTemplate jdbcTemplate;
    private final Dialect dialect;

    ReconProjection(JdbcTemplate jdbcTemplate, Dialect dialect) {
        this.jdbcTemplate = jdbcTemplate;
        this.dialect = dialect;
    }

    /** The part of a trade the read model keeps. */
    record State(
            long merchantId,
            String tradeNo,
            String outTradeNo,
            Instant createdAt,
            String type,
            String status,
            boolean refunded,
            long amount,
            long refundTotal,
            long fee,
            long net,
            String subject,
            String counterparty) {

        static State of(Trade trade) {
            boolean paid = trade.isPaid();
            return new State(
                    trade.merchantId(),
                    trade.tradeNo(),
                    trade.outTradeNo(),
                    trade.createdAt(),
                    trade.type().name(),
                    trade.status().name(),
                    trade.refundTotal() > 0,
                    trade.totalAmount(),
                    trade.refundTotal(),
                    paid ? trade.feeAmount() - trade.feeRefunded() : 0,
                    paid ? trade.net() : 0,
                    trade.subject(),
                    trade.buyerAccount());
        }

        boolean sameSums(State other) {
            return merchantId == other.merchantId
                    && createdAt.equals(other.createdAt)
                    && type.equals(other.type)
                    && status.equals(other.status)
                    && refunded == other.refunded
                    && amount == other.amount
                    && refundTotal == other.refundTotal
                    && fee == other.fee
                    && net == other.net;
        }
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
     * Brings the read model to the trades' last states: what their rows were (from the events where
     * the engine tells it, else one look-up), then the new rows, the changed rows and the daily
     * deltas, each in one statement (or one batch).
     */
    private void write(List<TradeChangedEvent> events) {
        Map<Long, State> latest = new LinkedHashMap<>();
        Map<Long, State> before = new HashMap<>();
        List<Long> unknown = new ArrayList<>();
        for (TradeChangedEvent event : events) {
            long id = event.trade().id();
            if (!latest.containsKey(id)) {
                // The first change of the trade in this transaction tells what its row was before.
                if (event.previous() != null) {
                    before.put(id, State.of(event.previous()));
                } else if (!event.created()) {
                    unknown.add(id);
                }
            }
            latest.put(id, State.of(event.trade())); // a trade changed twice: its last state counts
        }
        before.putAll(current(unknown));
        List<Object[]> inserts = new ArrayList<>();
        List<Map.Entry<Long, State>> updates = new ArrayList<>();
        List<Delta> deltas = new ArrayList<>();
        for (Map.Entry<Long, State> e : latest.entrySet()) {
            State now = e.getValue();
            State was = before.get(e.getKey());
            if (was == null) {
                inserts.add(row(e.getKey(), now));
                deltas.add(delta(now, 1));
            } else if (!was.equals(now)) {
                updates.add(e);
                if (!was.sameSums(now)) {
                    deltas.add(delta(was, -1));
                    deltas.add(delta(now, 1));
                }
            }
        }
        RECON_TRADE.insert(jdbcTemplate, inserts);
        if (!updates.isEmpty() && dialect == Dialect.POSTGRESQL) {
            // One statement for all changed rows: the table and its indexes are opened once.
            List<Object> params = new ArrayList<>(updates.size() * 8);
            for (Map.Entry<Long, State> u : updates) {
                State s = u.getValue();
                params.add(u.getKey());
                params.add(s.status());
                params.add(s.refunded());
                params.add(s.refundTotal());
                params.add(s.fee());
                params.add(s.net());
                params.add(s.counterparty());
                params.add(s.subject());
            }
            jdbcTemplate.update(
                    """
                    update recon_trade r set status = v.status, refunded = v.refunded, refund_total = v.refund_total,
                        fee = v.fee, net = v.net, counterparty = v.counterparty, subject = v.subject
                    from (values """
                            + String.join(
                                    ", ",
                                    java.util.Collections.nCopies(
                                            updates.size(),
                                            "(?::bigint, ?::varchar, ?::boolean, ?::bigint, ?::bigint, ?::bigint,"
                                                    + " ?::varchar, ?::varchar)"))
                            + """
                    ) as v (trade_id, status, refunded, refund_total, fee, net, counterparty, subject)
                    where r.trade_id = v.trade_id""",
                    params.toArray());
        } else if (!updates.isEmpty()) {
            jdbcTemplate.batchUpdate("""
                    update recon_trade set status = ?, refunded = ?, refund_total = ?, fee = ?, net = ?,
                        counterparty = ?, subject = ?
                    where trade_id = ?""", updates, updates.size(), (ps, u) -> {
                State s = u.getValue();
                ps.setString(1, s.status());
                ps.setBoolean(2, s.refunded());
                ps.setLong(3, s.refundTotal());
                ps.setLong(4, s.fee());
                ps.setLong(5, s.net());
                ps.setString(6, s.counterparty());
                ps.setString(7, s.subject());
                ps.setLong(8, u.getKey());
            });
        }
        appendDeltas(deltas);
    }

    private Map<Long, State> current(Collection<Long> tradeIds) {
        Map<Long, State> found = new HashMap<>();
        List<Long> ids = List.copyOf(tradeIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbcTemplate.query(
                    """
                    select trade_id, merchant_id, trade_no, out_trade_no, created_at, trade_type, status, refunded,
                        amount, refund_total, fee, net, subject, counterparty
                    from recon_trade where trade_id in (""" + MultiRowInsert.placeholders(chunk.size()) + ")",
                    rs -> {
                        found.put(
                                rs.getLong(1),
                                new State(
                                        rs.getLong(2),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getTimestamp(5).toInstant(),
                                        rs.getString(6),
                                        rs.getString(7),
                                        rs.getBoolean(8),
                                        rs.getLong(9),
                                        rs.getLong(10),
                                        rs.getLong(11),
                                        rs.getLong(12),
                                        rs.getString(13),
                                        rs.getString(14)));
                    },
                    chunk.toArray());
        }
        return found;
    }

    private static final MultiRowInsert RECON_TRADE = new MultiRowInsert("""
            recon_trade (trade_id, merchant_id, trade_no, out_trade_no, created_at, trade_type, status, refunded,
                amount, refund_total, fee, net, subject, counterparty)""", 14);

    private static final MultiRowInsert DELTA = new MultiRowInsert("""
            recon_daily_delta (merchant_id, trade_day, status, trade_type, refunded, trade_count, amount,
                refund_total, fee, net)""", 10);

    private static Object[] row(long tradeId, State s) {
        return new Object[] {
            tradeId,
            s.merchantId(),
            s.tradeNo(),
            s.outTradeNo(),
            s.createdAt(),
            s.type(),
            s.status(),
            s.refunded(),
            s.amount(),
            s.refundTotal(),
            s.fee(),
            s.net(),
            s.subject(),
            s.counterparty()
        };
    }

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

    private void appendDeltas(List<Delta> deltas) {
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
        DELTA.insert(jdbcTemplate, rows);
    }
}
