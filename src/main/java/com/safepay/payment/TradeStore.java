package com.safepay.payment;

import com.safepay.shared.Money;
import com.safepay.shared.TransactionBuffer;
import com.safepay.shared.jdbc.Dialect;
import com.safepay.shared.jdbc.MultiRowInsert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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

    /** {@link #COLUMNS} of the table aliased {@code t}. */
    private static final String T_COLUMNS = COLUMNS.replaceAll("(\\w+)", "t.$1");

    static final RowMapper<Trade> TRADE = TradeStore::trade;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Dialect dialect;

    TradeStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Dialect dialect) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.claimsAtCommit = TransactionBuffer.ofStatements("trade claims", jdbcTemplate);
        this.dialect = dialect;
    }

    /**
     * Trade rows; the trade no is the creation day (a bound value, from the injected clock) followed by
     * the next 12-digit number of {@code trade_no_seq}, taken inside the insert.
     */
    private static final MultiRowInsert TRADE_ROWS = new MultiRowInsert(
            """
            trade (trade_no, merchant_id, out_trade_no, subject, body, total_amount, trade_type, notify_url,
                return_url, timeout_express, created_at, expires_at, currency, status, fee_rate_ppm, fee_amount)""",
            16,
            "(? || lpad(cast(nextval('trade_no_seq') as varchar(20)), 12, '0'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    /**
     * PostgreSQL: a row whose (merchant, out_trade_no) exists already, or is being inserted by a
     * concurrent transaction that then commits, is left out instead of failing the batch.
     */
    private static final MultiRowInsert TRADE_ROWS_UNLESS_TAKEN =
            TRADE_ROWS.then("on conflict (merchant_id, out_trade_no) do nothing");

    /** A new trade's database id and trade no. */
    record Inserted(long id, String tradeNo) {}

    /**
     * Inserts new trades in one statement; {@code tradeNo} of each given trade is only the day prefix.
     *
     * @return id and trade no of each by "merchant id/out_trade_no"
     */
    Map<String, Inserted> insertAll(List<Trade> newTrades) {
        List<Object[]> rows = new ArrayList<>(newTrades.size());
        for (Trade t : newTrades) {
            List<Object> row = new ArrayList<>(16);
            addRequestValues(row, t);
            row.addAll(Arrays.asList("CNY", t.status().name(), t.feeRatePpm(), t.feeAmount()));
            rows.add(row.toArray());
        }
        Map<String, Inserted> inserted = new HashMap<>();
        for (Object[] key : (skipsTakenOrderNos() ? TRADE_ROWS_UNLESS_TAKEN : TRADE_ROWS)
                .insertReturning(
                        jdbcTemplate,
                        rows,
                        new String[] {"id", "trade_no", "merchant_id", "out_trade_no"},
                        (rs, n) -> new Object[] {
                            rs.getLong(3) + "/" + rs.getString(4), new Inserted(rs.getLong(1), rs.getString(2))
                        })) {
            inserted.put((String) key[0], (Inserted) key[1]);
        }
        return inserted;
    }

    /** A new trade's database id and trade no, and the fee its merchant's rate gave it at the insert. */
    record InsertedWithFee(long id, String tradeNo, int feeRatePpm, long feeAmount) {}

    /** Rows per statement of {@link #insertForActiveMerchants} (12 values a row). */
    private static final int ACTIVE_INSERT_CHUNK = 200;

    /**
     * PostgreSQL: inserts the new trades of active, real-name verified merchants with their
     * merchant's fee rate as the insert reads it, in one statement, without a look-up before it.
     * Left out (missing from the result): a trade whose merchant is unknown, disabled or not
     * verified (the caller decides those after a look-up), and one whose (merchant, out_trade_no) is
     * taken. The fee is {@code amount × rate / 1,000,000} rounded half-up, as {@link Fees#fee}. The
     * given trades' fee fields and {@code tradeNo} (the day prefix) are ignored and used,
     * respectively.
     *
     * @return id, trade no, rate and fee of each inserted trade by "merchant id/out_trade_no"
     */
    Map<String, InsertedWithFee> insertForActiveMerchants(List<Trade> newTrades) {
        if (!onPostgreSql()) {
            throw new IllegalStateException("Only PostgreSQL inserts trades this way");
        }
        Map<String, InsertedWithFee> inserted = new HashMap<>();
        for (int from = 0; from < newTrades.size(); from += ACTIVE_INSERT_CHUNK) {
            List<Trade> chunk = newTrades.subList(from, Math.min(newTrades.size(), from + ACTIVE_INSERT_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() * 12);
            for (Trade t : chunk) {
                addRequestValues(params, t);
            }
            jdbcTemplate.query(
                    """
                    insert into trade (trade_no, merchant_id, out_trade_no, subject, body, total_amount, currency,
                        trade_type, status, notify_url, return_url, timeout_express, fee_rate_ppm, fee_amount,
                        created_at, expires_at)
                    select v.day || lpad(cast(nextval('trade_no_seq') as varchar(20)), 12, '0'), v.merchant_id,
                        v.out_trade_no, v.subject, v.body, v.total_amount, 'CNY', v.trade_type, 'WAIT_BUYER_PAY',
                        v.notify_url, v.return_url, v.timeout_express, m.fee_rate_ppm,
                        (v.total_amount * m.fee_rate_ppm + 500000) / 1000000, v.created_at, v.expires_at
                    from (values """ + String.join(", ", Collections.nCopies(chunk.size(), ACTIVE_INSERT_ROW)) + """
                    ) as v (day, merchant_id, out_trade_no, subject, body, total_amount, trade_type, notify_url,
                        return_url, timeout_express, created_at, expires_at)
                    join merchant m on m.id = v.merchant_id and m.status = 'ACTIVE' and m.real_name_verified
                    on conflict (merchant_id, out_trade_no) do nothing
                    returning id, trade_no, merchant_id, out_trade_no, fee_rate_ppm, fee_amount""",
                    (RowCallbackHandler) rs -> {
                        inserted.put(
                                rs.getLong(3) + "/" + rs.getString(4),
                                new InsertedWithFee(rs.getLong(1), rs.getString(2), rs.getInt(5), rs.getLong(6)));
                    },
                    params.toArray());
        }
        return inserted;
    }

    /**
     * What a new trade takes from its request, in the order of both inserts' first twelve columns:
     * trade no (the day prefix), merchant, out_trade_no, subject, body, amount, type, notify and
     * return URL, timeout, creation and expiry time.
     */
    private static void addRequestValues(List<Object> values, Trade t) {
        values.addAll(Arrays.asList(
                t.tradeNo(),
                t.merchantId(),
                t.outTradeNo(),
                t.subject(),
                t.body(),
                t.totalAmount(),
                t.type().name(),
                t.notifyUrl(),
                t.returnUrl(),
                t.timeoutExpress(),
                ts(t.createdAt()),
                ts(t.expiresAt())));
    }

    private static final String ACTIVE_INSERT_ROW = "(?::varchar, ?::bigint, ?::varchar, ?::varchar, ?::varchar,"
            + " ?::bigint, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::timestamptz, ?::timestamptz)";

    /**
     * Whether {@link #insertAll} leaves out a trade whose (merchant, out_trade_no) is taken (it is
     * then missing from the result) rather than failing with a duplicate key (H2).
     */
    boolean skipsTakenOrderNos() {
        return onPostgreSql();
    }

    /**
     * Whether the store runs on PostgreSQL, where a batch's creations read their merchants in the
     * insert ({@link #insertForActiveMerchants}) and its payments may claim known trades at commit
     * ({@link #claimAtCommit}).
     */
    boolean onPostgreSql() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** The trades with these trade nos (those that exist). */
    List<Trade> byTradeNos(Collection<String> tradeNos) {
        if (tradeNos.isEmpty()) {
            return List.of();
        }
        return jdbcTemplate.query(
                "select " + COLUMNS + " from trade where trade_no in (" + MultiRowInsert.placeholders(tradeNos.size())
                        + ")",
                TRADE,
                tradeNos.toArray());
    }

    /**
     * The trades of these merchants with these out_trade_nos (a superset of the pairs asked for; the
     * caller matches pairs).
     */
    List<Trade> byOutTradeNos(Collection<Long> merchantIds, Collection<String> outTradeNos) {
        if (outTradeNos.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(outTradeNos);
        params.addAll(merchantIds);
        return jdbcTemplate.query(
                "select " + COLUMNS + " from trade where out_trade_no in ("
                        + MultiRowInsert.placeholders(outTradeNos.size()) + ") and merchant_id in ("
                        + MultiRowInsert.placeholders(merchantIds.size()) + ")",
                TRADE,
                params.toArray());
    }

    /** A payment's claim on a trade, for {@link #claimForPayment}. */
    record Claim(
            String tradeNo,
            TradeStatus ifInstant,
            TradeStatus ifEscrow,
            long buyerId,
            String buyerAccount,
            String riskTier,
            Instant paidAt,
            Instant finishDueAt) {

        TradeStatus to(TradeType type) {
            return type == TradeType.INSTANT ? ifInstant : ifEscrow;
        }
    }

    /** A claim on a trade whose unpaid row the caller knows (as it was created), for {@link #claimAtCommit}. */
    record KnownClaim(Claim claim, Trade unpaid) {

        KnownClaim {
            if (!unpaid.tradeNo().equals(claim.tradeNo())) {
                throw new IllegalArgumentException(
                        "Claim on " + claim.tradeNo() + " paired with trade " + unpaid.tradeNo());
            }
        }
    }

    /** Rows per statement of {@link #claimAtCommit} (13 values a row). */
    private static final int CLAIM_CHUNK = 200;

    /** Claims written with the transaction's other buffered statements ({@link #claimAtCommit}). */
    private final TransactionBuffer<MultiRowInsert.Statement> claimsAtCommit;

    /**
     * PostgreSQL: claims trades whose unpaid rows the caller already knows (as they were created),
     * with the transaction's other buffered statements as it commits, in one guarded update: each
     * trade must still wait for payment, must not have expired at its claim's payment time, and must
     * have exactly the merchant, amount, fee and type the caller built on. If any
     * claim finds its trade otherwise, the statement changes fewer rows than it has claims, the
     * commit fails and the caller's transaction rolls back (its operations are then run again one
     * by one, each claiming with {@link #claimForPayment}).
     */
    void claimAtCommit(List<KnownClaim> claims) {
        if (!onPostgreSql()) {
            throw new IllegalStateException("Only PostgreSQL claims trades at commit");
        }
        for (int from = 0; from < claims.size(); from += CLAIM_CHUNK) {
            claimsAtCommit.add(
                    claimAtCommitStatement(claims.subList(from, Math.min(claims.size(), from + CLAIM_CHUNK))));
        }
    }

    /** {@link #claimAtCommit}'s guarded update of these claims, which must change one row each. */
    static MultiRowInsert.Statement claimAtCommitStatement(List<KnownClaim> claims) {
        List<Object> params = new ArrayList<>(claims.size() * 13);
        for (KnownClaim known : claims) {
            Trade t = known.unpaid();
            addClaimValues(params, known.claim());
            params.addAll(Arrays.asList(
                    t.merchantId(), t.totalAmount(), t.feeAmount(), t.type().name()));
        }
        String sql = CLAIM_SET + String.join(", ", Collections.nCopies(claims.size(), CLAIM_AT_COMMIT_ROW))
                + ") as v (" + CLAIM_COLUMNS + ", merchant_id, total_amount, fee_amount, trade_type) where "
                + CLAIM_GUARD
                + " and t.merchant_id = v.merchant_id and t.total_amount = v.total_amount"
                + " and t.fee_amount = v.fee_amount and t.trade_type = v.trade_type";
        return new MultiRowInsert.Statement(sql, params.toArray(), claims.size());
    }

    /**
     * A claim's update up to its rows of values (the row's first nine values: {@link #addClaimValues}).
     *
     * <p>The status a claim expects ({@code WAIT_BUYER_PAY}) is one of the row's values, compared as
     * {@code t.status = v.was}, not written as a literal: with the literal, PostgreSQL may see that the
     * partial index of the trades waiting for payment ({@code ix_trade_pay_due}) holds every trade the
     * update can change, and scan all of it, filtering for the batch's trade numbers. That index holds
     * every unpaid trade and, until vacuum, the entries of those paid since; statistics gathered when
     * few trades waited make that plan look cheap. With the status as a value the update finds each
     * trade by its trade number ({@code uk_trade_no}), however many trades wait (measured: 0.075–0.084
     * against 0.055–0.065 ms of server time per payment for the claims of the payment benchmark).
     */
    private static final String CLAIM_SET = """
            update trade t set status = case t.trade_type when 'INSTANT' then v.if_instant else v.if_escrow end,
                buyer_id = v.buyer_id, buyer_account = v.buyer_account, risk_tier = v.risk_tier,
                paid_at = v.paid_at, finish_due_at = v.finish_due_at
            from (values """;

    private static void addClaimValues(List<Object> params, Claim c) {
        params.addAll(Arrays.asList(
                c.tradeNo(),
                c.ifInstant().name(),
                c.ifEscrow().name(),
                c.buyerId(),
                c.buyerAccount(),
                c.riskTier(),
                ts(c.paidAt()),
                ts(c.finishDueAt()),
                TradeStatus.WAIT_BUYER_PAY.name()));
    }

    /** The casts of {@link #addClaimValues}' nine values. */
    private static final String CLAIM_VALUES = "?::varchar, ?::varchar, ?::varchar, ?::bigint, ?::varchar, ?::varchar,"
            + " ?::timestamptz, ?::timestamptz, ?::varchar";

    /** The names of {@link #addClaimValues}' nine values in the update's {@code values} list. */
    private static final String CLAIM_COLUMNS =
            "trade_no, if_instant, if_escrow, buyer_id, buyer_account, risk_tier, paid_at, finish_due_at, was";

    /** Every claim's guard: its trade waits for payment and had not expired when it was paid. */
    private static final String CLAIM_GUARD =
            "t.trade_no = v.trade_no and t.status = v.was and t.expires_at > v.paid_at";

    private static final String CLAIM_ROW = "(" + CLAIM_VALUES + ")";

    /** A claim's values, then the merchant, amount, fee and type the claim expects. */
    private static final String CLAIM_AT_COMMIT_ROW =
            "(" + CLAIM_VALUES + ", ?::bigint, ?::bigint, ?::bigint, ?::varchar)";

    /**
     * Moves the trades that wait for payment and have not expired at their claim's payment time to
     * paid, in one batch, each guarded by exactly that state (status {@code WAIT_BUYER_PAY}: no
     * buyer, no payment yet).
     *
     * @return the claimed trades as they were just before, by trade no; a claim missing found its
     *     trade paid, closed, expired or not at all
     */
    Map<String, Trade> claimForPayment(List<Claim> claims) {
        Map<String, Trade> claimed = new HashMap<>();
        if (claims.isEmpty()) {
            return claimed;
        }
        if (dialect == Dialect.POSTGRESQL) {
            // One statement that finds, checks and moves the trades: PostgreSQL opens the table and
            // its indexes once, and the batch needs no look-up before it. The rows come back paid;
            // what they were is exactly that row unpaid (the guard).
            List<Object> params = new ArrayList<>(claims.size() * 9);
            for (Claim c : claims) {
                addClaimValues(params, c);
            }
            for (Trade after : jdbcTemplate.query(
                    CLAIM_SET
                            + String.join(", ", Collections.nCopies(claims.size(), CLAIM_ROW))
                            + ") as v (" + CLAIM_COLUMNS + ") where " + CLAIM_GUARD
                            + " returning " + T_COLUMNS,
                    TRADE,
                    params.toArray())) {
                claimed.put(after.tradeNo(), after.unpaid());
            }
            return claimed;
        }
        // H2: read the trades, then move each one that waits for payment, guarded by its status.
        Map<String, Claim> byTradeNo = new HashMap<>();
        claims.forEach(c -> byTradeNo.put(c.tradeNo(), c));
        List<Trade> waiting = byTradeNos(byTradeNo.keySet()).stream()
                .filter(t -> t.status() == TradeStatus.WAIT_BUYER_PAY
                        && byTradeNo.get(t.tradeNo()).paidAt().isBefore(t.expiresAt()))
                .sorted(Comparator.comparingLong(Trade::id))
                .toList();
        if (waiting.isEmpty()) {
            return claimed;
        }
        int[] counts = jdbcTemplate
                .batchUpdate("""
                update trade set status = ?, buyer_id = ?, buyer_account = ?, risk_tier = ?, paid_at = ?, finish_due_at = ?
                where id = ? and status = 'WAIT_BUYER_PAY'""", waiting, waiting.size(), (ps, t) -> {
                    Claim c = byTradeNo.get(t.tradeNo());
                    ps.setString(1, c.to(t.type()).name());
                    ps.setLong(2, c.buyerId());
                    ps.setString(3, c.buyerAccount());
                    ps.setString(4, c.riskTier());
                    ps.setTimestamp(5, ts(c.paidAt()));
                    ps.setTimestamp(6, ts(c.finishDueAt()));
                    ps.setLong(7, t.id());
                })[0];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                claimed.put(waiting.get(i).tradeNo(), waiting.get(i));
            }
        }
        return claimed;
    }

    /** Undoes {@link #claimForPayment} in the same transaction for payments the wallet could not cover. */
    void unmarkPaid(List<Long> ids) {
        jdbcTemplate.batchUpdate("""
                update trade set status = 'WAIT_BUYER_PAY', buyer_id = null, buyer_account = null, risk_tier = null,
                    paid_at = null, finish_due_at = null
                where id = ?""", ids, ids.size(), (ps, id) -> ps.setLong(1, id));
    }

    /**
     * What counts against the free allowance: trades created since {@code from} that were paid or can
     * still be paid, so that many open orders at once cannot pass the limit. Closed unpaid trades do
     * not count; refunds do not give allowance back.
     */
    private static final String ALLOWANCE_TRADES =
            " from trade where merchant_id = ? and created_at >= ? and not (status = 'TRADE_CLOSED' and paid_at is null)";

    /**
     * The allowance used since {@code from} (paid + still payable). Locks the merchant row first, so
     * that two creates cannot both squeeze under a limit.
     */
    long allowanceUsedLocked(long merchantId, Instant from) {
        jdbc.sql("select id from merchant where id = ? for update")
                .param(merchantId)
                .query(Long.class)
                .single();
        return jdbc.sql("select coalesce(sum(total_amount), 0)" + ALLOWANCE_TRADES)
                .params(merchantId, ts(from))
                .query(Long.class)
                .single();
    }

    /** The same trades, without locking, split into paid and still payable, for display. */
    AllowanceUse allowanceUse(long merchantId, Instant from) {
        return jdbc.sql("select coalesce(sum(case when paid_at is not null then total_amount else 0 end), 0),"
                        + " coalesce(sum(case when paid_at is null then total_amount else 0 end), 0)"
                        + ALLOWANCE_TRADES)
                .params(merchantId, ts(from))
                .query((rs, n) -> new AllowanceUse(Money.ofMinor(rs.getLong(1)), Money.ofMinor(rs.getLong(2))))
                .single();
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
        // The status as a literal (an enum name): PostgreSQL's partial index per job then applies.
        return jdbc.sql("select " + COLUMNS + " from trade where status = '" + status.name() + "' and " + dueColumn
                        + " <= ? order by " + dueColumn + " fetch first ? rows only for update skip locked")
                .params(ts(now), limit)
                .query(TRADE)
                .list();
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

    /** One page of a buyer's trades, newest payment first; the id breaks ties so pages never overlap. */
    List<Trade> byBuyer(long buyerId, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from trade where buyer_id = ?"
                        + " order by paid_at desc nulls last, id desc offset ? rows fetch next ? rows only")
                .params(buyerId, offset, limit)
                .query(TRADE)
                .list();
    }

    long countByBuyer(long buyerId) {
        return jdbc.sql("select count(*) from trade where buyer_id = ?")
                .param(buyerId)
                .query(Long.class)
                .single();
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
