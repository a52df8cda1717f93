package com.safepay.reconciliation;

import com.safepay.payment.Trade;
import com.safepay.payment.TradeChangedEvent;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;

    ReconProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(TradeChangedEvent event) {
        Trade trade = event.trade();
        State now = State.of(trade);
        Optional<State> before = current(trade.id());
        if (before.isEmpty()) {
            insert(trade.id(), now);
            appendDeltas(List.of(delta(now, 1)));
            return;
        }
        State was = before.get();
        if (was.equals(now)) {
            return;
        }
        update(trade.id(), now);
        if (!was.sameSums(now)) {
            appendDeltas(List.of(delta(was, -1), delta(now, 1)));
        }
    }

    private Optional<State> current(long tradeId) {
        return jdbc.sql("""
                        select merchant_id, trade_no, out_trade_no, created_at, trade_type, status, refunded, amount,
                            refund_total, fee, net, subject, counterparty
                        from recon_trade where trade_id = ?""")
                .param(tradeId)
                .query((rs, n) -> new State(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBoolean(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getLong(10),
                        rs.getLong(11),
                        rs.getString(12),
                        rs.getString(13)))
                .optional();
    }

    private void insert(long tradeId, State s) {
        jdbc.sql("""
                        insert into recon_trade (trade_id, merchant_id, trade_no, out_trade_no, created_at, trade_type,
                            status, refunded, amount, refund_total, fee, net, subject, counterparty)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        tradeId,
                        s.merchantId(),
                        s.tradeNo(),
                        s.outTradeNo(),
                        Timestamp.from(s.createdAt()),
                        s.type(),
                        s.status(),
                        s.refunded(),
                        s.amount(),
                        s.refundTotal(),
                        s.fee(),
                        s.net(),
                        s.subject(),
                        s.counterparty())
                .update();
    }

    private void update(long tradeId, State s) {
        jdbc.sql("""
                        update recon_trade set status = ?, refunded = ?, refund_total = ?, fee = ?, net = ?,
                            counterparty = ?, subject = ?
                        where trade_id = ?""")
                .params(
                        s.status(),
                        s.refunded(),
                        s.refundTotal(),
                        s.fee(),
                        s.net(),
                        s.counterparty(),
                        s.subject(),
                        tradeId)
                .update();
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
        List<Delta> merged = new ArrayList<>();
        for (Delta d : deltas) {
            int same = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (Objects.equals(merged.get(i).key(), d.key())) {
                    same = i;
                }
            }
            if (same < 0) {
                merged.add(d);
            } else {
                Delta m = merged.get(same);
                merged.set(
                        same,
                        new Delta(
                                m.merchantId(),
                                m.day(),
                                m.status(),
                                m.type(),
                                m.refunded(),
                                m.count() + d.count(),
                                m.amount() + d.amount(),
                                m.refundTotal() + d.refundTotal(),
                                m.fee() + d.fee(),
                                m.net() + d.net()));
            }
        }
        for (Delta d : merged) {
            jdbc.sql("""
                            insert into recon_daily_delta (merchant_id, trade_day, status, trade_type, refunded, trade_count,
                                amount, refund_total, fee, net)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            d.merchantId(),
                            Date.valueOf(d.day()),
                            d.status(),
                            d.type(),
                            d.refunded(),
                            d.count(),
                            d.amount(),
                            d.refundTotal(),
                            d.fee(),
                            d.net())
                    .update();
        }
    }
}
