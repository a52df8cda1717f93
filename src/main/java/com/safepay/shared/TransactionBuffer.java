package com.safepay.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a listener writes for the current transaction, collected and written in one go just before
 * that transaction commits: many changes in one transaction (a batch of payments) then cost one
 * statement, not one each. The rows commit or roll back with the transaction, exactly as if they had
 * been written at once; only code reading them back inside the same transaction would notice, and
 * none does.
 *
 * @param <T> what one buffered row is
 */
public final class TransactionBuffer<T> {

    private final String name;
    private final Consumer<List<T>> flush;

    /**
     * @param name for messages
     * @param flush writes the rows of one transaction, in the order they were added; runs inside
     *     that transaction, before it commits (an exception rolls it back)
     */
    public TransactionBuffer(String name, Consumer<List<T>> flush) {
        this.name = name;
        this.flush = flush;
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
        pending.rows.add(row);
    }

    private Pending current() {
        // Synchronizations belong to the current transaction (a REQUIRES_NEW one has its own), so a
        // buffer is never shared between two transactions.
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof TransactionBuffer<?>.Pending pending && pending.owner() == this) {
                @SuppressWarnings("unchecked")
                Pending mine = (Pending) pending;
                return mine;
            }
        }
        return null;
    }

    private final class Pending implements TransactionSynchronization {

        private final List<T> rows = new ArrayList<>();

        TransactionBuffer<T> owner() {
            return TransactionBuffer.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!rows.isEmpty()) {
                List<T> batch = List.copyOf(rows);
                rows.clear();
                flush.accept(batch);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
