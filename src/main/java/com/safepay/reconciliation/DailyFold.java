package com.safepay.reconciliation;

import com.safepay.shared.jdbc.Dialect;
import com.safepay.shared.jdbc.MultiRowInsert;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the appended daily deltas into {@code recon_daily}, in one transaction per batch: the sums
 * gain exactly what the deleted deltas held, so readers (who add both) see the same totals before
 * and after. One instance folds at a time (it holds the lock row; the others skip).
 */
@Component
class DailyFold {

    private static final int BATCH = 5000;

    private static final Comparator<ReconProjection.Key> KEY_ORDER = Comparator.comparingLong(
                    ReconProjection.Key::merchantId)
            .thenComparing(ReconProjection.Key::day)
            .thenComparing(ReconProjection.Key::status)
            .thenComparing(ReconProjection.Key::type)
            .thenComparing(ReconProjection.Key::refunded);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final Dialect dialect;

    DailyFold(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            PlatformTransactionManager transactionManager,
            Dialect dialect) {
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(fixedDelayString = "${safepay.reconciliation.fold-interval:1s}")
    void run() {
        while (foldBatch() == BATCH) {
            // more are waiting
        }
    }

    /** Folds up to one batch of deltas. @return how many deltas were folded */
    int foldBatch() {
        Integer folded = transactions.execute(status -> {
            boolean mine = !jdbc.sql("select id from recon_fold_lock where id = 1 for update skip locked")
                    .query(Integer.class)
                    .list()
                    .isEmpty();
            if (!mine) {
                return 0;
            }
            Map<ReconProjection.Key, long[]> sums = new TreeMap<>(KEY_ORDER);
            int rows = dialect == Dialect.POSTGRESQL ? takePostgres(sums) : takeH2(sums);
            if (dialect == Dialect.POSTGRESQL) {
                addToDays(sums);
            } else {
                sums.forEach(this::addToDay);
            }
            return rows;
        });
        return folded == null ? 0 : folded;
    }

    /**
     * PostgreSQL (no id, no index on the deltas, V8_3): one batch of deltas removed by physical
     * address, and exactly the removed rows added up.
     */
    private int takePostgres(Map<ReconProjection.Key, long[]> sums) {
        int[] rows = {0};
        jdbc.sql("""
                        delete from recon_daily_delta
                        where ctid = any(array(select ctid from recon_daily_delta limit ?))
                        returning merchant_id, trade_day, status, trade_type, refunded, trade_count, amount,
                            refund_total, fee, net""").param(BATCH).query(rs -> {
            rows[0]++;
            add(sums, rs);
        });
        return rows[0];
    }

    /** H2: the oldest batch of deltas read, then deleted by id. */
    private int takeH2(Map<ReconProjection.Key, long[]> sums) {
        List<Long> ids = new ArrayList<>();
        jdbc.sql("""
                        select merchant_id, trade_day, status, trade_type, refunded, trade_count, amount, refund_total,
                            fee, net, id
                        from recon_daily_delta order by id fetch first ? rows only""").param(BATCH).query(rs -> {
            ids.add(rs.getLong(11));
            add(sums, rs);
        });
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            jdbcTemplate.update(
                    "delete from recon_daily_delta where id in (" + MultiRowInsert.placeholders(chunk.size()) + ")",
                    chunk.toArray());
        }
        return ids.size();
    }

    /** Adds a delta row (merchant_id, trade_day, status, trade_type, refunded, then the five sums) to its key. */
    private static void add(Map<ReconProjection.Key, long[]> sums, ResultSet rs) throws SQLException {
        ReconProjection.Key key = new ReconProjection.Key(
                rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4), rs.getBoolean(5));
        long[] sum = sums.computeIfAbsent(key, k -> new long[5]);
        for (int i = 0; i < 5; i++) {
            sum[i] += rs.getLong(6 + i);
        }
    }

    /**
     * PostgreSQL: every key's sums in one upsert (keys in order, so two folds could never wait for each
     * other in a circle), then the keys left without trades removed.
     */
    private void addToDays(Map<ReconProjection.Key, long[]> sums) {
        if (sums.isEmpty()) {
            return;
        }
        List<Object[]> values = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> values.add(new Object[] {
            key.merchantId(),
            Date.valueOf(key.day()),
            key.status(),
            key.type(),
            key.refunded(),
            sum[0],
            sum[1],
            sum[2],
            sum[3],
            sum[4]
        }));
        List<Object[]> emptied = new ArrayList<>();
        for (int from = 0; from < values.size(); from += 1000) {
            List<Object[]> chunk = values.subList(from, Math.min(values.size(), from + 1000));
            jdbc.sql("insert into recon_daily (merchant_id, trade_day, status, trade_type, refunded, trade_count,"
                            + " amount, refund_total, fee, net) values "
                            + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
                            + """
                             on conflict (merchant_id, trade_day, status, trade_type, refunded) do update
                            set trade_count = recon_daily.trade_count + excluded.trade_count,
                                amount = recon_daily.amount + excluded.amount,
                                refund_total = recon_daily.refund_total + excluded.refund_total,
                                fee = recon_daily.fee + excluded.fee,
                                net = recon_daily.net + excluded.net
                            returning merchant_id, trade_day, status, trade_type, refunded, trade_count""")
                    .params(chunk.stream().flatMap(Arrays::stream).toArray())
                    .query(rs -> {
                        if (rs.getLong(6) == 0) {
                            emptied.add(new Object[] {
                                rs.getLong(1), rs.getDate(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)
                            });
                        }
                    });
        }
        if (!emptied.isEmpty()) {
            jdbcTemplate.batchUpdate("""
                    delete from recon_daily
                    where merchant_id = ? and trade_day = ? and status = ? and trade_type = ? and refunded = ?
                        and trade_count = 0""", emptied);
        }
    }

    private void addToDay(ReconProjection.Key key, long[] sum) {
        Object[] keyParams = {key.merchantId(), Date.valueOf(key.day()), key.status(), key.type(), key.refunded()};
        int updated = jdbc.sql("""
                        update recon_daily set trade_count = trade_count + ?, amount = amount + ?,
                            refund_total = refund_total + ?, fee = fee + ?, net = net + ?
                        where merchant_id = ? and trade_day = ? and status = ? and trade_type = ? and refunded = ?""")
                .params(sum[0], sum[1], sum[2], sum[3], sum[4])
                .params(keyParams)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into recon_daily (merchant_id, trade_day, status, trade_type, refunded, trade_count, amount,
                                refund_total, fee, net)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(keyParams)
                    .params(sum[0], sum[1], sum[2], sum[3], sum[4])
                    .update();
        } else {
            jdbc.sql("""
                            delete from recon_daily
                            where merchant_id = ? and trade_day = ? and status = ? and trade_type = ? and refunded = ?
                                and trade_count = 0""").params(keyParams).update();
        }
    }
}
