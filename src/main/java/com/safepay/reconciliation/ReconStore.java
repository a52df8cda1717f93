package com.safepay.reconciliation;

import com.safepay.payment.TradeStatus;
import com.safepay.payment.TradeType;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model's SQL. Every query is scoped to one merchant; callers pass the merchant of the
 * signed-in user, never one from the screen.
 */
@Repository
class ReconStore {

    /** Rows read per round trip when streaming an export. */
    static final int FETCH_SIZE = 2000;

    static final String ROW_COLUMNS = """
            trade_id, trade_no, out_trade_no, created_at, trade_type, status, subject, counterparty, amount,
            refund_total, fee, net""";

    static final RowMapper<TradeRow> ROW = ReconStore::row;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;

    ReconStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
    }

    /** A condition on recon_trade rows with its parameters. */
    record Where(String sql, List<Object> params) {}

    /** The rows of {@code search} and {@code tab} for one merchant, created in {@code [from, to)}. */
    static Where rows(long merchantId, TradeSearch search, StatusTab tab, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder(" where merchant_id = ? and created_at >= ? and created_at < ?");
        List<Object> params = new ArrayList<>(List.of(merchantId, ts(from), ts(to)));
        textAndType(search, sql, params);
        tab(tab, sql, params);
        return new Where(sql.toString(), params);
    }

    private static void textAndType(TradeSearch search, StringBuilder sql, List<Object> params) {
        if (search.number() != null) {
            sql.append(
                    search.numberKind() == TradeSearch.NumberKind.TRADE_NO
                            ? " and trade_no = ?"
                            : " and out_trade_no = ?");
            params.add(search.number());
        }
        if (search.productName() != null) {
            sql.append(" and lower(subject) like ? escape '\\'");
            params.add(contains(search.productName().toLowerCase(Locale.ROOT)));
        }
        if (search.counterparty() != null) {
            sql.append(" and counterparty like ? escape '\\'");
            params.add(contains(search.counterparty()));
        }
        type(search.type(), sql, params);
    }

    private static void type(TradeType type, StringBuilder sql, List<Object> params) {
        if (type != null) {
            sql.append(" and trade_type = ?");
            params.add(type.name());
        }
    }

    private static void tab(StatusTab tab, StringBuilder sql, List<Object> params) {
        if (tab == StatusTab.REFUNDS) {
            sql.append(" and refunded = true");
        } else if (tab == StatusTab.PAID) {
            // the same condition as StatusTab.matches, on rows and on the daily aggregates alike
            sql.append(" and status <> 'WAIT_BUYER_PAY' and (status <> 'TRADE_CLOSED' or refunded = true)");
        } else if (tab.status() != null) {
            sql.append(" and status = ?");
            params.add(tab.status().name());
        }
    }

    /** The totals of every tab for one search. */
    Map<StatusTab, Totals> tabTotals(long merchantId, TradeSearch search) {
        List<Object> params = new ArrayList<>();
        String sql;
        if (search.hasTextFilter()) {
            Where where = rows(merchantId, search, StatusTab.ALL, search.from(), search.to());
            params.addAll(where.params());
            sql = "select status, refunded, count(*), coalesce(sum(amount), 0), coalesce(sum(refund_total), 0),"
                    + " coalesce(sum(fee), 0), coalesce(sum(net), 0) from recon_trade" + where.sql()
                    + " group by status, refunded";
        } else {
            sql = "select status, refunded, sum(c), sum(a), sum(r), sum(f), sum(n) from ("
                    + groupedParts(merchantId, search, Window.of(search.from(), search.to()), params)
                    + ") x group by status, refunded";
        }
        Map<StatusTab, Totals> totals = new EnumMap<>(StatusTab.class);
        for (StatusTab tab : StatusTab.values()) {
            totals.put(tab, Totals.ZERO);
        }
        jdbc.sql(sql).params(params).query(rs -> {
            TradeStatus status = TradeStatus.valueOf(rs.getString(1));
            boolean refunded = rs.getBoolean(2);
            Totals part = new Totals(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
            for (StatusTab tab : StatusTab.values()) {
                if (tab.matches(status, refunded)) {
                    totals.merge(tab, part, Totals::plus);
                }
            }
        });
        return totals;
    }

    /**
     * Whole days from the aggregates and their pending deltas, edges from the rows: in one statement,
     * so that a fold committing meanwhile is seen either wholly or not at all.
     */
    private static String groupedParts(long merchantId, TradeSearch search, Window window, List<Object> params) {
        List<String> parts = new ArrayList<>();
        if (window.hasWholeDays()) {
            for (String table : List.of("recon_daily", "recon_daily_delta")) {
                StringBuilder part = new StringBuilder("select status, refunded, trade_count c, amount a,"
                        + " refund_total r, fee f, net n from " + table
                        + " where merchant_id = ? and trade_day >= ? and trade_day < ?");
                params.addAll(List.of(merchantId, Date.valueOf(window.firstDay()), Date.valueOf(window.endDay())));
                type(search.type(), part, params);
                parts.add(part.toString());
            }
        }
        // each partial edge day is its own range scan of (merchant_id, created_at)
        for (Window.Interval edge : List.of(window.head(), window.tail())) {
            if (edge.isEmpty()) {
                continue;
            }
            StringBuilder part = new StringBuilder("select status, refunded, count(*) c, sum(amount) a,"
                    + " sum(refund_total) r, sum(fee) f, sum(net) n from recon_trade"
                    + " where merchant_id = ? and created_at >= ? and created_at < ?");
            params.addAll(List.of(merchantId, ts(edge.start()), ts(edge.end())));
            type(search.type(), part, params);
            part.append(" group by status, refunded");
            parts.add(part.toString());
        }
        if (parts.isEmpty()) {
            // an empty range
            parts.add("select status, refunded, trade_count c, amount a, refund_total r, fee f, net n"
                    + " from recon_daily where 1 = 0");
        }
        return String.join(" union all ", parts);
    }

    /** Trades of each whole day of the window in {@code tab}, from the aggregates and their deltas. */
    Map<LocalDate, Long> dayCounts(long merchantId, TradeSearch search, StatusTab tab, Window window) {
        Map<LocalDate, Long> counts = new HashMap<>();
        if (!window.hasWholeDays()) {
            return counts;
        }
        List<Object> params = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (String table : List.of("recon_daily", "recon_daily_delta")) {
            StringBuilder part = new StringBuilder("select trade_day, trade_count c from " + table
                    + " where merchant_id = ? and trade_day >= ? and trade_day < ?");
            params.addAll(List.of(merchantId, Date.valueOf(window.firstDay()), Date.valueOf(window.endDay())));
            type(search.type(), part, params);
            tab(tab, part, params);
            parts.add(part.toString());
        }
        jdbc.sql("select trade_day, sum(c) from (" + String.join(" union all ", parts) + ") x group by trade_day")
                .params(params)
                .query(rs -> {
                    counts.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
                });
        return counts;
    }

    long count(long merchantId, TradeSearch search, StatusTab tab, Window.Interval interval) {
        if (interval.isEmpty()) {
            return 0;
        }
        Where where = rows(merchantId, search, tab, interval.start(), interval.end());
        return jdbc.sql("select count(*) from recon_trade" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /** Rows of {@code [from, to)} in {@code sort} order, skipping {@code offset}. */
    List<TradeRow> page(
            long merchantId,
            TradeSearch search,
            StatusTab tab,
            SortOrder sort,
            Instant from,
            Instant to,
            long offset,
            int limit) {
        Where where = rows(merchantId, search, tab, from, to);
        List<Object> params = new ArrayList<>(where.params());
        params.add(offset);
        params.add(limit);
        return jdbc.sql("select " + ROW_COLUMNS + " from recon_trade" + where.sql() + orderBy(sort)
                        + " offset ? rows fetch next ? rows only")
                .params(params)
                .query(ROW)
                .list();
    }

    /** Where a page starts: the sort key of its first row. */
    record Key(Instant createdAt, long tradeId) {}

    /**
     * The sort key of the row {@code offset} rows into {@code [from, to)}: reads only the index when it
     * carries the filtered columns (PostgreSQL), not the rows skipped.
     */
    Optional<Key> keyAt(
            long merchantId, TradeSearch search, StatusTab tab, SortOrder sort, Instant from, Instant to, long offset) {
        Where where = rows(merchantId, search, tab, from, to);
        List<Object> params = new ArrayList<>(where.params());
        params.add(offset);
        return jdbc.sql("select created_at, trade_id from recon_trade" + where.sql() + orderBy(sort)
                        + " offset ? rows fetch next 1 rows only")
                .params(params)
                .query((rs, n) -> new Key(rs.getTimestamp(1).toInstant(), rs.getLong(2)))
                .optional();
    }

    /** Up to {@code limit} rows of the search from {@code key} on (inclusive), in {@code sort} order. */
    List<TradeRow> pageFrom(long merchantId, TradeSearch search, StatusTab tab, SortOrder sort, Key key, int limit) {
        boolean newestFirst = sort == SortOrder.NEWEST_FIRST;
        Where where = newestFirst
                ? rows(merchantId, search, tab, search.from(), search.to())
                : rows(merchantId, search, tab, key.createdAt(), search.to());
        List<Object> params = new ArrayList<>(where.params());
        String seek = newestFirst
                ? " and created_at <= ? and (created_at < ? or trade_id <= ?)"
                : " and (created_at > ? or trade_id >= ?)";
        if (newestFirst) {
            params.addAll(List.of(ts(key.createdAt()), ts(key.createdAt()), key.tradeId()));
        } else {
            params.addAll(List.of(ts(key.createdAt()), key.tradeId()));
        }
        params.add(limit);
        return jdbc.sql("select " + ROW_COLUMNS + " from recon_trade" + where.sql() + seek + orderBy(sort)
                        + " fetch first ? rows only")
                .params(params)
                .query(ROW)
                .list();
    }

    /** Streams every row of the search and tab to {@code sink}, {@link #FETCH_SIZE} at a time. */
    void stream(long merchantId, TradeSearch search, StatusTab tab, SortOrder sort, Consumer<TradeRow> sink) {
        Where where = rows(merchantId, search, tab, search.from(), search.to());
        streaming.query(
                "select " + ROW_COLUMNS + " from recon_trade" + where.sql() + orderBy(sort),
                rs -> {
                    sink.accept(row(rs, 0));
                },
                where.params().toArray());
    }

    private static String orderBy(SortOrder sort) {
        return sort == SortOrder.OLDEST_FIRST
                ? " order by created_at, trade_id"
                : " order by created_at desc, trade_id desc";
    }

    private static TradeRow row(ResultSet rs, int n) throws SQLException {
        return new TradeRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                TradeType.valueOf(rs.getString(5)),
                TradeStatus.valueOf(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12));
    }

    static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
