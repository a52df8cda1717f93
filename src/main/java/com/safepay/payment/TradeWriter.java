package com.safepay.payment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * <p>Under load a lane gathers: when another lane already holds a batch (running it or gathering
 * one), a lane that finds fewer than {@code gatherBatch} operations waiting sleeps up to {@code
 * gather} until that many have queued up, then takes them all. Much of a transaction's cost is
 * the same whatever it carries (each statement's set-up, the round trips, the commit), so fewer,
 * fuller transactions leave more of the machine for the payments themselves (measured in
 * docs/performance.md). With no other lane busy nothing waits: a lone request is written at once.
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
    private final int gatherBatch;
    private final long gatherNanos;
    private final Consumer<List<Op<?>>> runBatch;
    /** Lanes holding a batch: gathering it, running it or handing out its outcomes. */
    private final AtomicInteger busyLanes = new AtomicInteger();
    /** Per lane: while it gathers, how many more queued operations it waits for. */
    private final Gathering[] gathering;

    /** A gathering lane, woken once enough operations wait (not at every one). */
    private static final class Gathering {

        volatile Thread lane;
        volatile int needs;
    }

    private volatile boolean closed;

    /**
     * @param lanes writer threads, each running one batch (transaction) at a time
     * @param maxBatch the most operations one batch takes
     * @param gatherBatch under load, a lane waits for this many operations (at most {@code
     *     maxBatch}) ...
     * @param gather ... but no longer than this; zero: never waits
     */
    TradeWriter(
            String name, int lanes, int maxBatch, int gatherBatch, Duration gather, Consumer<List<Op<?>>> runBatch) {
        this.maxBatch = maxBatch;
        this.gatherBatch = Math.min(gatherBatch, maxBatch);
        this.gatherNanos = gather.toNanos();
        this.runBatch = runBatch;
        this.gathering = new Gathering[lanes];
        for (int i = 0; i < lanes; i++) {
            Gathering mine = gathering[i] = new Gathering();
            this.lanes.add(Thread.ofPlatform().name(name + "-" + i).daemon().start(() -> lane(mine)));
        }
    }

    /** Queues the operation and waits for its outcome; rethrows what the operation was refused with. */
    <R> R submit(Op<R> op) {
        if (closed) {
            throw new IllegalStateException("The trade writer is shut down");
        }
        queue.add(op);
        for (Gathering g : gathering) {
            Thread lane = g.lane;
            if (lane != null && queue.size() >= g.needs) {
                LockSupport.unpark(lane);
            }
        }
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

    private void lane(Gathering mine) {
        List<Op<?>> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            Op<?> first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // closed, or a stray interrupt: the loop decides
            }
            boolean othersBusy = busyLanes.getAndIncrement() > 0;
            try {
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (othersBusy) {
                    gather(batch, mine);
                }
                runBatch.accept(batch);
            } catch (Throwable t) {
                log.error("A batch of {} trade operations failed unexpectedly", batch.size(), t);
                batch.forEach(op -> op.result.completeExceptionally(t));
            } finally {
                busyLanes.decrementAndGet();
                batch.clear();
            }
        }
    }

    /**
     * Waits up to the gather time for the batch to reach {@link #gatherBatch} operations, asleep
     * until enough have queued up. An interrupt (shutdown) ends the wait; the batch then runs with
     * what it has.
     */
    private void gather(List<Op<?>> batch, Gathering mine) {
        if (batch.size() >= gatherBatch || gatherNanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + gatherNanos;
        try {
            while (batch.size() < gatherBatch) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.interrupted()) {
                    break;
                }
                mine.needs = gatherBatch - batch.size();
                mine.lane = Thread.currentThread();
                if (queue.size() < mine.needs) {
                    LockSupport.parkNanos(this, left);
                }
                queue.drainTo(batch, maxBatch - batch.size());
            }
        } finally {
            mine.lane = null;
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
