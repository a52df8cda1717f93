package com.safepay.shared;

import com.safepay.shared.jdbc.MultiRowInsert;
import com.safepay.shared.jdbc.StatementPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a listener writes for the current transaction, collected and written in one go just before
 * that transaction commits: many changes in one transaction (a batch of payments) then cost one
 * statement, not one each, and the statements of all buffers of the transaction (the outbox, the
 * audit log, the daily sums) go to the database together, in one round trip on PostgreSQL
 * ({@link StatementPipeline}). The rows commit or roll back with the transaction, exactly as if
 * they had been written at once; only code reading them back inside the same transaction would
 * notice, and none does.
 *
 * @param <T> what one buffered row is
 */
public final class TransactionBuffer<T> {

    /** Turns one transaction's rows into inserts queued on the pipeline. */
    @FunctionalInterface
    public interface Flush<T> {

        void write(List<T> rows, StatementPipeline pipeline);
    }

    private final String name;
    private final Flush<T> flush;

    /**
     * @param name for messages
     * @param flush queues the inserts of one transaction's rows, in the order they were added; runs
     *     inside that transaction, before it commits (an exception rolls it back)
     */
    public TransactionBuffer(String name, Flush<T> flush) {
        this.name = name;
        this.flush = flush;
    }

    /**
     * A buffer of ready statements (guarded updates, multi-row inserts) queued as they are on the
     * commit-time pipeline, through {@code jdbc}.
     */
    public static TransactionBuffer<MultiRowInsert.Statement> ofStatements(String name, JdbcTemplate jdbc) {
        return new TransactionBuffer<>(
                name, (statements, pipeline) -> statements.forEach(statement -> pipeline.add(jdbc, statement)));
    }

    /** Adds a row to the current transaction's buffer. */
    public void add(T row) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("No transaction to write " + name + " in");
        }
        Pending pending = current();
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.rows.computeIfAbsent(this, b -> new ArrayList<>()).add(row);
    }

    private static Pending current() {
        // Synchronizations belong to the current transaction (a REQUIRES_NEW one has its own), so
        // buffered rows are never shared between two transactions.
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending pending) {
                return pending;
            }
        }
        return null;
    }

    private void flush(List<?> rows, StatementPipeline pipeline) {
        @SuppressWarnings("unchecked")
        List<T> mine = (List<T>) rows;
        flush.write(mine, pipeline);
    }

    /** The rows of all buffers in one transaction, by buffer in the order each was first used. */
    private static final class Pending implements TransactionSynchronization {

        private final Map<TransactionBuffer<?>, List<Object>> rows = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            StatementPipeline pipeline = new StatementPipeline();
            // A flush may cause rows of another buffer (an event published while writing): take
            // rounds until every buffer is empty.
            while (!rows.isEmpty()) {
                Map<TransactionBuffer<?>, List<Object>> round = new LinkedHashMap<>(rows);
                rows.clear();
                round.forEach((buffer, list) -> buffer.flush(List.copyOf(list), pipeline));
            }
            pipeline.run();
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
