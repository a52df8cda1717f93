package com.safepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The trade writer's lanes: what shares a batch, and when a lane waits to gather more. The batches
 * run no database here: each records the operations it got and answers them with their names. A
 * lane "runs a batch" for as long as the test holds the first batch's latch.
 */
class TradeWriterTest {

    /** An operation answered with its own name. */
    static final class Named extends TradeWriter.Op<String> {

        final String name;

        Named(String name) {
            this.name = name;
        }
    }

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchRunning = new CountDownLatch(1);
    private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    private TradeWriter writer;

    /** Records each batch; the first one runs until the test releases it. */
    private final Consumer<List<TradeWriter.Op<?>>> recordingBatches = ops -> {
        batches.add(ops.stream().map(op -> ((Named) op).name).toList());
        if (batches.size() == 1) {
            firstBatchRunning.countDown();
            try {
                releaseFirstBatch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (TradeWriter.Op<?> op : ops) {
            Named named = (Named) op;
            named.succeed(named.name);
            named.publish();
        }
    };

    private TradeWriter writer(int gatherBatch, Duration gather) {
        writer = new TradeWriter("test-writer", 2, 64, gatherBatch, gather, recordingBatches);
        return writer;
    }

    @AfterEach
    void close() {
        releaseFirstBatch.countDown();
        if (writer != null) {
            writer.close();
        }
    }

    /** Submits on a thread of its own (submit waits for the outcome). */
    private CompletableFuture<String> submit(String name) {
        return CompletableFuture.supplyAsync(() -> writer.submit(new Named(name)), Thread::startVirtualThread);
    }

    @Test
    void a_lone_operation_is_written_at_once_without_waiting_to_gather_others() {
        writer(8, Duration.ofMinutes(10));
        releaseFirstBatch.countDown();

        String answer = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> writer.submit(new Named("alone")));

        assertThat(answer).isEqualTo("alone");
        assertThat(batches).containsExactly(List.of("alone"));
    }

    @Test
    void while_another_lane_runs_a_batch_a_lane_gathers_operations_until_it_has_enough_of_them() throws Exception {
        writer(3, Duration.ofMinutes(10));
        CompletableFuture<String> first = submit("first");
        assertThat(firstBatchRunning.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> second = submit("second");
        Thread.sleep(200); // without gathering, the free lane would now run "second" alone
        CompletableFuture<String> third = submit("third");
        CompletableFuture<String> fourth = submit("fourth");

        assertThat(fourth.get(30, TimeUnit.SECONDS)).isEqualTo("fourth");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(third.get(30, TimeUnit.SECONDS)).isEqualTo("third");
        assertThat(first).isNotDone();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactlyInAnyOrder("second", "third", "fourth");

        releaseFirstBatch.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
    }

    @Test
    void a_lane_that_gathers_starts_with_what_it_has_once_the_gather_time_is_over() throws Exception {
        writer(8, Duration.ofMillis(50));
        CompletableFuture<String> first = submit("first");
        assertThat(firstBatchRunning.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(submit("second").get(30, TimeUnit.SECONDS)).isEqualTo("second");

        assertThat(first).isNotDone();
        assertThat(batches).containsExactly(List.of("first"), List.of("second"));
    }

    @Test
    void shutting_down_runs_what_a_gathering_lane_holds_instead_of_leaving_its_callers_waiting() throws Exception {
        writer(8, Duration.ofMinutes(10));
        submit("first");
        assertThat(firstBatchRunning.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = submit("second");
        Thread.sleep(200); // the free lane now holds "second" and gathers

        releaseFirstBatch.countDown();
        writer.close();

        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("second");
    }
}
