package com.safepay.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micro-batching for the engine's hottest writes (trade creation and payment): callers hand their
 * operation to a queue and wait; a few writer threads ("lanes") each take whatever has queued up, at
 * most {@code maxBatch}, and run it in one database transaction. Under load many payments then share
 * one commit and one statement per table instead of a dozen statements each; with a single caller
 * a batch holds one operation, as before.
 *
 * <p>What each operation does, and what it may refuse, does not depend on the batch it lands in:
 * see {@link TradeService#runBatch}.
 */
final class TradeWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TradeWriter.class);

    /** One queued operation and the caller's result. */
    abstract static class Op<R> {

        final CompletableFuture<R> result = new CompletableFuture<>();
        private R value;
        private RuntimeException refusal;

        /** The operation's outcome inside the running batch; handed to the caller after commit. */
        void succeed(R v) {
            value = v;
            refusal = null;
        }

        void refuse(RuntimeException e) {
            refusal = e;
            value = null;
        }

        RuntimeException refusal() {
            return refusal;
        }

        /** The outcome so far in the running batch: null if refused or not decided yet. */
        R value() {
            return value;
        }

        void reset() {
            value = null;
            refusal = null;
        }

        void publish() {
            if (refusal != null) {
                result.completeExceptionally(refusal);
            } else {
                result.complete(value);
            }
        }
    }

    private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> lanes = new ArrayList<>();
    private final int maxBatch;
    private final Consumer<List<Op<?>>> runBatch;
    private volatile boolean closed;

    TradeWriter(String name, int lanes, int maxBatch, Consumer<List<Op<?>>> runBatch) {
        this.maxBatch = maxBatch;
        this.runBatch = runBatch;
        for (int i = 0; i < lanes; i++) {
            this.lanes.add(Thread.ofPlatform().name(name + "-" + i).daemon().start(this::lane));
        }
    }

    /** Queues the operation and waits for its outcome; rethrows what the operation was refused with. */
    <R> R submit(Op<R> op) {
        if (closed) {
            throw new IllegalStateException("The trade writer is shut down");
        }
        queue.add(op);
        try {
            return op.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the payment was being written", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException c && c.getCause() != null) {
            cause = c.getCause();
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }

    private void lane() {
        List<Op<?>> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                Op<?> first = queue.take();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                runBatch.accept(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (Throwable t) {
                log.error("A batch of {} trade operations failed unexpectedly", batch.size(), t);
                batch.forEach(op -> op.result.completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        lanes.forEach(Thread::interrupt);
        for (Thread lane : lanes) {
            try {
                lane.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Op<?> left;
        while ((left = queue.poll()) != null) {
            left.result.completeExceptionally(new IllegalStateException("The trade writer is shut down"));
        }
    }
}
