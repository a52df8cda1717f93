package com.safepay.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Trades and refunds in SQL. Every status change goes through {@link TradeService}. */
@Repository
class TradeStore {

    static final String COLUMNS = """
            id, trade_no, merchant_id, out_trade_no, subject, body, total_amount, trade_type, status, notify_url,
            return_url, timeout_express, fee_rate_ppm, fee_amount, refund_total, fee_refunded, buyer_id, buyer_account,
            risk_tier, created_at, expires_at, paid_at, shipped_at, confirm_due_at, confirmed_at, finish_due_at,
            finished_at, closed_at, close_reason""";

    static final RowMapper<Trade> TRADE = TradeStore::trade;

    private final JdbcClient jdbc;

    TradeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long nextTradeSequence() {
        return jdbc.sql("select nextval('trade_no_seq')").query(Long.class).single();
    }

    void insert(Trade t) {
        jdbc.sql("""
                insert into trade (trade_no, merchant_id, out_trade_no, subject, body, total_amount, currency, trade_type,
                    status, notify_url, return_url, timeout_express, fee_rate_ppm, fee_amount, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        t.tradeNo(),
                        t.merchantId(),
                        t.outTradeNo(),
                        t.subject(),
                        t.body(),
                        t.totalAmount(),
                        t.type().name(),
                        t.status().name(),
                        t.notifyUrl(),
                        t.returnUrl(),
                        t.timeoutExpress(),
                        t.feeRatePpm(),
                        t.feeAmount(),
                        ts(t.createdAt()),
                        ts(t.expiresAt()))
                .update();
    }

    /**
     * What a merchant's trades created since {@code from} add up to, counting every trade but those
     * that closed unpaid. Locks the merchant row first, so that two creates cannot both squeeze
     * under a limit.
     */
    long volumeSinceLocked(long merchantId, Instant from) {
        jdbc.sql("select id from merchant where id = ? for update")
                .param(merchantId)
                .query(Long.class)
                .single();
        return jdbc.sql("""
                        select coalesce(sum(total_amount), 0) from trade
                        where merchant_id = ? and created_at >= ? and not (status = 'TRADE_CLOSED' and paid_at is null)""").params(merchantId, ts(from)).query(Long.class).single();
    }

    /** The same sum, without locking, for display. */
    long volumeSince(long merchantId, Instant from) {
        return jdbc.sql("""
                        select coalesce(sum(total_amount), 0) from trade
                        where merchant_id = ? and created_at >= ? and not (status = 'TRADE_CLOSED' and paid_at is null)""").params(merchantId, ts(from)).query(Long.class).single();
    }

    Optional<Trade> byTradeNo(String tradeNo) {
        return jdbc.sql("select " + COLUMNS + " from trade where trade_no = ?")
                .param(tradeNo)
                .query(TRADE)
                .optional();
    }

    Optional<Trade> byOutTradeNo(long merchantId, String outTradeNo) {
        return jdbc.sql("select " + COLUMNS + " from trade where merchant_id = ? and out_trade_no = ?")
                .params(merchantId, outTradeNo)
                .query(TRADE)
                .optional();
    }

    Optional<Trade> lock(String tradeNo) {
        return jdbc.sql("select " + COLUMNS + " from trade where trade_no = ? for update")
                .param(tradeNo)
                .query(TRADE)
                .optional();
    }

    /** Claims up to {@code limit} trades in {@code status} whose {@code dueColumn} has passed; skips rows other instances hold. */
    List<Trade> claimDue(TradeStatus status, String dueColumn, Instant now, int limit) {
        if (!List.of("expires_at", "confirm_due_at", "finish_due_at").contains(dueColumn)) {
            throw new IllegalArgumentException(dueColumn);
        }
        return jdbc.sql("select " + COLUMNS + " from trade where status = ? and " + dueColumn + " <= ? order by "
                        + dueColumn + " fetch first ? rows only for update skip locked")
                .params(status.name(), ts(now), limit)
                .query(TRADE)
                .list();
    }

    /** Moves a trade from {@code from}; false when it is no longer in that status. */
    boolean markPaid(
            long id,
            TradeStatus from,
            TradeStatus to,
            long buyerId,
            String buyerAccount,
            String riskTier,
            Instant paidAt,
            Instant finishDueAt) {
        return jdbc.sql("""
                        update trade set status = ?, buyer_id = ?, buyer_account = ?, risk_tier = ?, paid_at = ?, finish_due_at = ?
                        where id = ? and status = ?""")
                        .params(
                                to.name(),
                                buyerId,
                                buyerAccount,
                                riskTier,
                                ts(paidAt),
                                ts(finishDueAt),
                                id,
                                from.name())
                        .update()
                == 1;
    }

    void markShipped(long id, Instant shippedAt, Instant confirmDueAt) {
        jdbc.sql("update trade set status = ?, shipped_at = ?, confirm_due_at = ? where id = ?")
                .params(TradeStatus.WAIT_BUYER_CONFIRM.name(), ts(shippedAt), ts(confirmDueAt), id)
                .update();
    }

    void markConfirmed(long id, Instant confirmedAt) {
        jdbc.sql("update trade set status = ?, confirmed_at = ? where id = ?")
                .params(TradeStatus.TRADE_SUCCESS.name(), ts(confirmedAt), id)
                .update();
    }

    void markFinished(long id, Instant finishedAt) {
        jdbc.sql("update trade set status = ?, finished_at = ? where id = ?")
                .params(TradeStatus.TRADE_FINISHED.name(), ts(finishedAt), id)
                .update();
    }

    void markClosed(long id, Instant closedAt, String reason) {
        jdbc.sql("update trade set status = ?, closed_at = ?, close_reason = ? where id = ?")
                .params(TradeStatus.TRADE_CLOSED.name(), ts(closedAt), reason, id)
                .update();
    }

    void addRefund(long id, long amount, long feeRefund) {
        jdbc.sql("update trade set refund_total = refund_total + ?, fee_refunded = fee_refunded + ? where id = ?")
                .params(amount, feeRefund, id)
                .update();
    }

    void insertRefund(long tradeId, String outRequestNo, long amount, long feeRefund, String reason, Instant at) {
        jdbc.sql("""
                insert into refund (trade_id, out_request_no, amount, fee_refund, reason, status, created_at)
                values (?, ?, ?, ?, ?, 'REFUND_SUCCESS', ?)""")
                .params(tradeId, outRequestNo, amount, feeRefund, reason, ts(at))
                .update();
    }

    Optional<Refund> refund(long tradeId, String outRequestNo) {
        return jdbc.sql("""
                        select id, trade_id, out_request_no, amount, fee_refund, reason, created_at
                        from refund where trade_id = ? and out_request_no = ?""")
                .params(tradeId, outRequestNo)
                .query(TradeStore::refund)
                .optional();
    }

    List<Refund> refunds(long tradeId) {
        return jdbc.sql("""
                        select id, trade_id, out_request_no, amount, fee_refund, reason, created_at
                        from refund where trade_id = ? order by id""").param(tradeId).query(TradeStore::refund).list();
    }

    List<Trade> byBuyer(long buyerId, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from trade where buyer_id = ? order by paid_at desc fetch first ? rows only")
                .params(buyerId, limit)
                .query(TRADE)
                .list();
    }

    private static Refund refund(ResultSet rs, int n) throws SQLException {
        return new Refund(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getString(6),
                instant(rs, 7));
    }

    private static Trade trade(ResultSet rs, int n) throws SQLException {
        long buyer = rs.getLong(17);
        Long buyerId = rs.wasNull() ? null : buyer;
        return new Trade(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                TradeType.valueOf(rs.getString(8)),
                TradeStatus.valueOf(rs.getString(9)),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getInt(13),
                rs.getLong(14),
                rs.getLong(15),
                rs.getLong(16),
                buyerId,
                rs.getString(18),
                rs.getString(19),
                instant(rs, 20),
                instant(rs, 21),
                instant(rs, 22),
                instant(rs, 23),
                instant(rs, 24),
                instant(rs, 25),
                instant(rs, 26),
                instant(rs, 27),
                instant(rs, 28),
                rs.getString(29));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
