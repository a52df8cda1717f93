package com.safepay.notification;

import com.safepay.payment.TradeNotifiableEvent;
import com.safepay.shared.jdbc.MultiRowInsert;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due notifications. A send is claimed in a short transaction ({@code FOR UPDATE SKIP LOCKED},
 * then a lease: its next attempt time moves past the send's timeout), sent outside any transaction,
 * and recorded in another. So several instances never send the same attempt at once, and a send
 * whose instance died is picked up again when the lease ends. At most {@code maxInFlight} sends run
 * at once, and at most {@code maxInFlightPerHost} to one host, so a slow or dead merchant server only
 * ever holds its own share.
 *
 * <p>Results are recorded by group commit: a completed send queues its result, and whichever send
 * finds no recording under way records everything queued (up to {@link #RECORD_BATCH}) in one
 * transaction — one multi-row insert into the attempt log, one update per outcome — while the sends
 * completing meanwhile queue up for the next. So under load one commit records many sends, and a
 * lone send is recorded at once, as before. A send's future completes when its result is committed;
 * until then it holds its capacity. A result that is never committed (crash, database error) leaves
 * the notification leased: it is sent again when the lease ends (at least once).
 *
 * <p>Dispatch is continuous: on application start a pump thread claims whatever is due and fits the
 * free capacity, and claims again as soon as sends are recorded (capacity freed), a notification is
 * committed or the schedule ticks — at once only if its last claim may have left out due work that
 * fits. So a fast host is sent to at up to {@code maxInFlightPerHost} / its answer time, not one
 * batch per dispatch interval. Tests turn the pump off ({@code safepay.notify.continuous})
 * and dispatch themselves with {@link #dispatchDue()} and {@link #dispatchAllDueAndWait()}.
 */
@Component
public class NotificationDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

    /** Longest the pump sleeps without a wake-up; the schedule normally wakes it sooner. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** Most results recorded in one transaction; at most {@code maxInFlight} are ever waiting. */
    static final int RECORD_BATCH = 256;

    /** Rows per multi-row statement (8 parameters a row for attempts). */
    private static final int ROWS_PER_STATEMENT = 128;

    private record Claimed(long id, String url, String host, String payload, int attempts, int maxAttempts) {}

    /** A due notification, before it is claimed. */
    private record Due(long id, String host) {}

    /** A finished send waiting to be recorded; {@code recorded} completes once it is committed (or given up). */
    private record Completed(
            Claimed notification,
            Instant started,
            NotificationSender.Result result,
            CompletableFuture<Void> recorded) {}

    /** How a send changes its notification: the new status, attempts and next attempt time. */
    private record Outcome(String status, int attemptNo, Instant next, boolean succeeded) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final NotificationSender sender;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightByHost = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Completed> toRecord = new ConcurrentLinkedQueue<>();
    private final ReentrantLock recording = new ReentrantLock();
    private volatile boolean stopped;
    private volatile Thread pump;

    NotificationDispatcher(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            NotificationSender sender,
            NotificationProperties properties,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.sender = sender;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${safepay.notify.dispatch-interval:500ms}",
            initialDelayString = "${safepay.notify.dispatch-initial-delay:2s}")
    void scheduled() {
        if (pump != null) {
            wake(); // never blocks Spring's scheduler thread: the pump claims
        } else {
            dispatchDue();
        }
    }

    /** Starts the pump on application start, unless {@code safepay.notify.continuous=false} (tests). */
    @EventListener(ApplicationReadyEvent.class)
    void onApplicationReady() {
        if (properties.continuous()) {
            start();
        }
    }

    /** A notification was committed: due at once, so the pump need not wait for the next tick. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onNotifiable(TradeNotifiableEvent event) {
        wake();
    }

    /**
     * Starts continuous dispatch: a pump thread that claims as much as is due and fits the free
     * capacity, then sleeps until a send completes (capacity freed), a notification is committed or
     * the schedule ticks (retries come due), at most {@link #IDLE_WAIT}. So the rate to a host is
     * bounded by {@code maxInFlightPerHost} / its answer time, not by the dispatch interval.
     */
    public synchronized void start() {
        if (stopped || pump != null) {
            return;
        }
        pump = Thread.ofPlatform().name("notify-pump").daemon().start(this::pumpLoop);
    }

    /** Whether the pump is running. */
    public boolean isPumping() {
        Thread thread = pump;
        return thread != null && thread.isAlive() && !stopped;
    }

    private void wake() {
        Thread thread = pump;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void pumpLoop() {
        while (!stopped) {
            try {
                if (!dispatch().more() && !stopped) {
                    // all that is due and fits was claimed (or nothing): a completion, a commit or the
                    // schedule wakes us. Claiming again at once would only read through the backlog of
                    // the hosts at their limit.
                    LockSupport.parkNanos(IDLE_WAIT.toNanos());
                }
            } catch (RuntimeException e) {
                log.warn("Notification dispatch failed; trying again shortly", e);
                LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
            }
        }
    }

    /** Claims what is due and fits the free capacity, and starts sending it. */
    public List<CompletableFuture<Void>> dispatchDue() {
        return dispatch().sends();
    }

    /**
     * @param sends the sends started, each complete when its result is recorded
     * @param more whether more may be due that would fit now (see {@link #claim}), so the pump claims
     *     again at once
     */
    private record Dispatch(List<CompletableFuture<Void>> sends, boolean more) {}

    private Dispatch dispatch() {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        if (stopped) {
            return new Dispatch(sends, false);
        }
        int free = properties.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return new Dispatch(sends, false);
        }
        List<Claimed> claimed = new ArrayList<>();
        boolean more;
        try {
            more = Boolean.TRUE.equals(transactions.execute(status -> claim(free, claimed)));
        } catch (RuntimeException e) {
            claimed.forEach(this::release); // rolled back: nothing leased, nothing sent
            throw e;
        }
        for (int i = 0; i < claimed.size(); i++) {
            Claimed notification = claimed.get(i);
            CompletableFuture<Void> recorded = new CompletableFuture<>();
            try {
                executor.execute(() -> deliver(notification, recorded));
                sends.add(recorded);
            } catch (RejectedExecutionException e) {
                // closed meanwhile: the lease runs out and another dispatcher (or a restart) sends them
                claimed.subList(i, claimed.size()).forEach(this::release);
                return new Dispatch(sends, false);
            }
        }
        return new Dispatch(sends, more);
    }

    /** Dispatches until nothing more is due now, waiting for every send; for tests and tools. */
    public int dispatchAllDueAndWait() {
        int total = 0;
        while (true) {
            List<CompletableFuture<Void>> sends = dispatchDue();
            if (sends.isEmpty()) {
                return total;
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            total += sends.size();
        }
    }

    /**
     * Claims in two steps, so that only what is sent gets locked: first the due notifications in
     * order (a plain read) and, in Java, those that fit each host's and the global free capacity;
     * then only those, {@code FOR UPDATE SKIP LOCKED} with the due condition checked again (another
     * instance may have claimed some meanwhile), and their lease. Adds the claimed to {@code taken}
     * once their capacity is reserved and their lease written.
     *
     * @return whether more may be due that would fit now: the read was cut off at its limit, free
     *     capacity is left and a host in the read is still below its limit
     */
    private boolean claim(int free, List<Claimed> taken) {
        Instant now = clock.instant();
        List<String> saturated = inFlightByHost.entrySet().stream()
                .filter(e -> e.getValue().get() >= properties.maxInFlightPerHost())
                .map(Map.Entry::getKey)
                .toList();
        String excludeHosts = saturated.isEmpty()
                ? ""
                : " and notify_host not in ("
                        + String.join(",", saturated.stream().map(h -> "?").toList()) + ")";
        List<Object> params = new ArrayList<>();
        params.add(Timestamp.from(now));
        params.addAll(saturated);
        int limit = free * 2;
        params.add(limit);
        List<Due> candidates = jdbc.sql("select id, notify_host from notification"
                        + " where status = 'PENDING' and next_attempt_at <= ?" + excludeHosts
                        + " order by next_attempt_at fetch first ? rows only")
                .params(params)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2)))
                .list();
        Map<Long, Due> reserved = new LinkedHashMap<>();
        boolean globalLimit = false;
        try {
            for (Due candidate : candidates) {
                if (reserved.size() >= free) {
                    break;
                }
                // reserve atomically: dispatchDue may run on the pump, the schedule and the UI at once
                AtomicInteger host = inFlightByHost.computeIfAbsent(candidate.host(), h -> new AtomicInteger());
                if (!incrementBelow(host, properties.maxInFlightPerHost())) {
                    continue;
                }
                if (!incrementBelow(inFlight, properties.maxInFlight())) {
                    host.decrementAndGet();
                    globalLimit = true;
                    break;
                }
                reserved.put(candidate.id(), candidate);
            }
            // Read cut off with capacity left: claim again at once only if a host in the read can still
            // take more (its next rows may lie beyond the cut). Hosts never read wait for the next wake-up
            // (a completion, a commit, the schedule's tick): looking for them now would read through the
            // whole backlog of the hosts at their limit, again and again.
            boolean more = candidates.size() >= limit
                    && !globalLimit
                    && reserved.size() < free
                    && candidates.stream().map(Due::host).distinct().anyMatch(this::belowHostLimit);
            if (reserved.isEmpty()) {
                return more;
            }
            List<Object> lockParams = new ArrayList<>(reserved.keySet());
            lockParams.add(Timestamp.from(now));
            List<Claimed> locked = jdbc.sql("select id, notify_url, notify_host, payload, attempts, max_attempts"
                            + " from notification where id in ("
                            + MultiRowInsert.placeholders(reserved.size())
                            + ") and status = 'PENDING' and next_attempt_at <= ? for update skip locked")
                    .params(lockParams)
                    .query((rs, n) -> new Claimed(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getInt(6)))
                    .list();
            Map<Long, Due> notLocked = new LinkedHashMap<>(reserved);
            locked.forEach(c -> notLocked.remove(c.id()));
            notLocked.values().forEach(due -> {
                release(due.host()); // claimed or changed by someone else meanwhile
                reserved.remove(due.id());
            });
            if (locked.isEmpty()) {
                return more;
            }
            // the lease, in one statement for the whole batch
            List<Object> leaseParams = new ArrayList<>();
            leaseParams.add(Timestamp.from(now.plus(properties.lease())));
            locked.forEach(c -> leaseParams.add(c.id()));
            jdbc.sql("update notification set next_attempt_at = ? where id in ("
                            + MultiRowInsert.placeholders(locked.size()) + ")")
                    .params(leaseParams)
                    .update();
            taken.addAll(locked);
            reserved.clear();
            return more;
        } finally {
            reserved.values().forEach(due -> release(due.host())); // failed half way: nothing claimed
        }
    }

    private boolean belowHostLimit(String host) {
        AtomicInteger sending = inFlightByHost.get(host);
        return sending == null || sending.get() < properties.maxInFlightPerHost();
    }

    private static boolean incrementBelow(AtomicInteger counter, int limit) {
        while (true) {
            int current = counter.get();
            if (current >= limit) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private void release(Claimed notification) {
        release(notification.host());
    }

    private void release(String host) {
        inFlight.decrementAndGet();
        inFlightByHost.get(host).decrementAndGet();
    }

    private void deliver(Claimed notification, CompletableFuture<Void> recorded) {
        Completed completed;
        try {
            Instant started = clock.instant();
            NotificationSender.Result result =
                    sender.send(notification.url(), json.readValue(notification.payload(), FIELDS));
            completed = new Completed(notification, started, result, recorded);
        } catch (RuntimeException | Error e) {
            // nothing to record: the lease runs out and it is sent again
            if (stopped) {
                log.info("Notification {} was being sent while SafePay stopped; it is sent again", notification.id());
            } else {
                log.error("Notification {} could not be delivered", notification.id(), e);
            }
            release(notification);
            recorded.complete(null);
            wake(); // capacity freed: claim more at once
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        toRecord.add(completed);
        recordQueued();
    }

    /**
     * Records what is queued, unless another send is recording already: that one takes whatever is
     * queued when its commit is done (it checks the queue after letting go of the lock, so nothing
     * queued is ever left behind).
     */
    private void recordQueued() {
        while (!toRecord.isEmpty() && recording.tryLock()) {
            List<Completed> batch = new ArrayList<>();
            try {
                Completed next;
                while (batch.size() < RECORD_BATCH && (next = toRecord.poll()) != null) {
                    batch.add(next);
                }
                if (!batch.isEmpty()) {
                    recordBatch(batch);
                }
            } finally {
                recording.unlock();
                for (Completed completed : batch) {
                    release(completed.notification());
                    completed.recorded().complete(null);
                }
                if (!batch.isEmpty()) {
                    wake(); // capacity freed: claim more at once
                }
            }
        }
    }

    private void recordBatch(List<Completed> batch) {
        try {
            transactions.executeWithoutResult(status -> record(batch));
        } catch (RuntimeException e) {
            boolean rowProblem =
                    e instanceof NonTransientDataAccessException && !(e instanceof DataAccessResourceFailureException);
            if (batch.size() > 1 && rowProblem) {
                // one bad row must not cost the others their record: one transaction each
                log.warn("Recording {} notification sends together failed; recording them one by one", batch.size(), e);
                batch.forEach(completed -> recordBatch(List.of(completed)));
                return;
            }
            // one send, or the database unreachable (row by row would only wait longer): left leased
            if (stopped) {
                log.info(
                        "{} notification sends finished while SafePay stopped and were not recorded; they are sent"
                                + " again when their lease ends",
                        batch.size());
                return;
            }
            log.error(
                    "{} notification sends (ids {}) could not be recorded; they are sent again when their lease ends",
                    batch.size(),
                    batch.stream().map(c -> c.notification().id()).toList(),
                    e);
        }
    }

    /** Records finished sends: their attempts, then their notifications' new state, in the caller's transaction. */
    private void record(List<Completed> batch) {
        Instant now = clock.instant();
        List<Completed> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparingLong(c -> c.notification().id())); // one lock order for every batch
        for (int from = 0; from < sorted.size(); from += ROWS_PER_STATEMENT) {
            List<Completed> rows = sorted.subList(from, Math.min(sorted.size(), from + ROWS_PER_STATEMENT));
            List<Object> params = new ArrayList<>(rows.size() * 8);
            for (Completed completed : rows) {
                NotificationSender.Result result = completed.result();
                params.add(completed.notification().id());
                params.add(completed.notification().attempts() + 1);
                params.add(Timestamp.from(completed.started()));
                params.add(result.latencyMs());
                params.add(result.httpStatus());
                params.add(result.succeeded());
                params.add(result.responseExcerpt());
                params.add(result.error());
            }
            jdbc.sql("insert into notification_attempt (notification_id, attempt_no, started_at, latency_ms,"
                            + " http_status, succeeded, response_excerpt, error) values "
                            + String.join(
                                    ",",
                                    rows.stream()
                                            .map(c -> "(?, ?, ?, ?, ?, ?, ?, ?)")
                                            .toList()))
                    .params(params)
                    .update();
        }
        Map<Outcome, List<Long>> byOutcome = new LinkedHashMap<>();
        for (Completed completed : sorted) {
            byOutcome
                    .computeIfAbsent(outcome(completed, now), o -> new ArrayList<>())
                    .add(completed.notification().id());
        }
        Timestamp recordedAt = Timestamp.from(now);
        byOutcome.forEach((outcome, ids) -> {
            for (int from = 0; from < ids.size(); from += ROWS_PER_STATEMENT) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ROWS_PER_STATEMENT));
                List<Object> params = new ArrayList<>(chunk.size() + 6);
                params.add(outcome.status());
                params.add(outcome.attemptNo());
                params.add(outcome.next() == null ? null : Timestamp.from(outcome.next()));
                params.add(recordedAt);
                params.add(outcome.succeeded() ? recordedAt : null);
                params.add(outcome.attemptNo() - 1); // only if no one recorded this attempt meanwhile
                params.addAll(chunk);
                jdbc.sql("update notification set status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?,"
                                + " succeeded_at = ? where attempts = ? and id in ("
                                + MultiRowInsert.placeholders(chunk.size()) + ")")
                        .params(params)
                        .update();
            }
        });
    }

    private Outcome outcome(Completed completed, Instant now) {
        Claimed notification = completed.notification();
        int attemptNo = notification.attempts() + 1;
        if (completed.result().succeeded()) {
            return new Outcome(NotificationStatus.SUCCEEDED.name(), attemptNo, null, true);
        }
        if (attemptNo >= notification.maxAttempts()) {
            return new Outcome(NotificationStatus.FAILED.name(), attemptNo, null, false);
        }
        return new Outcome(
                NotificationStatus.PENDING.name(), attemptNo, now.plus(properties.delayBefore(attemptNo + 1)), false);
    }

    /**
     * Stops the pump and claiming new sends; sends under way get a few seconds to finish and be
     * recorded (while the database is still there). Any that do not stay leased and are sent again.
     */
    @Override
    public void close() {
        stopped = true;
        Thread thread = pump;
        try {
            if (thread != null) {
                LockSupport.unpark(thread);
                thread.join(CLOSE_WAIT.toMillis()); // a claim under way ends in its short transaction
            }
            executor.shutdown();
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("Notification sends still under way after {}; they are sent again", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
