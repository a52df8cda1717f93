package com.safepay.reconciliation;

import com.safepay.shared.jdbc.MultiRowInsert;
import java.sql.Date;
import java.util.ArrayList;
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

    DailyFold(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
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
            List<Long> ids = new ArrayList<>();
            Map<ReconProjection.Key, long[]> sums = new TreeMap<>(KEY_ORDER);
            jdbc.sql("""
                            select id, merchant_id, trade_day, status, trade_type, refunded, trade_count, amount, refund_total,
                                fee, net
                            from recon_daily_delta order by id fetch first ? rows only""").param(BATCH).query(rs -> {
                ids.add(rs.getLong(1));
                ReconProjection.Key key = new ReconProjection.Key(
                        rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getBoolean(6));
                long[] sum = sums.computeIfAbsent(key, k -> new long[5]);
                for (int i = 0; i < 5; i++) {
                    sum[i] += rs.getLong(7 + i);
                }
            });
            sums.forEach(this::addToDay);
            for (int from = 0; from < ids.size(); from += 1000) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
                jdbcTemplate.update(
                        "delete from recon_daily_delta where id in (" + MultiRowInsert.placeholders(chunk.size()) + ")",
                        chunk.toArray());
            }
            return ids.size();
        });
        return folded == null ? 0 : folded;
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
