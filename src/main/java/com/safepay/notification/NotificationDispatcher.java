package com.safepay.notification;

import com.safepay.payment.TradeNotifiableEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
 * <p>Dispatch is continuous: on application start a pump thread claims whatever is due and fits the
 * free capacity, and claims again as soon as a send completes, a notification is committed or the
 * schedule ticks. So a fast host is sent to at up to {@code maxInFlightPerHost} / its answer time,
 * not one batch per dispatch interval. Tests turn the pump off ({@code safepay.notify.continuous})
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

    private record Claimed(long id, String url, String host, String payload, int attempts, int maxAttempts) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final NotificationSender sender;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightByHost = new ConcurrentHashMap<>();
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
                if (dispatchDue().isEmpty() && !stopped) {
                    // nothing due or no capacity: a completion, a commit or the schedule wakes us
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
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        if (stopped) {
            return sends;
        }
        int free = properties.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return sends;
        }
        List<Claimed> claimed = new ArrayList<>();
        try {
            transactions.executeWithoutResult(status -> claim(free, claimed));
        } catch (RuntimeException e) {
            claimed.forEach(this::release); // rolled back: nothing leased, nothing sent
            throw e;
        }
        for (int i = 0; i < claimed.size(); i++) {
            Claimed notification = claimed.get(i);
            try {
                sends.add(CompletableFuture.runAsync(() -> deliver(notification), executor));
            } catch (RejectedExecutionException e) {
                // closed meanwhile: the lease runs out and another dispatcher (or a restart) sends them
                claimed.subList(i, claimed.size()).forEach(this::release);
                break;
            }
        }
        return sends;
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

    private void claim(int free, List<Claimed> taken) {
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
        params.add(free * 2);
        List<Claimed> candidates = jdbc.sql("select id, notify_url, notify_host, payload, attempts, max_attempts"
                        + " from notification where status = 'PENDING' and next_attempt_at <= ?" + excludeHosts
                        + " order by next_attempt_at fetch first ? rows only for update skip locked")
                .params(params)
                .query((rs, n) -> new Claimed(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6)))
                .list();
        for (Claimed candidate : candidates) {
            if (taken.size() >= free) {
                break;
            }
            // reserve atomically: dispatchDue may run on the pump, the schedule and the UI at once
            AtomicInteger host = inFlightByHost.computeIfAbsent(candidate.host(), h -> new AtomicInteger());
            if (!incrementBelow(host, properties.maxInFlightPerHost())) {
                continue;
            }
            if (!incrementBelow(inFlight, properties.maxInFlight())) {
                host.decrementAndGet();
                break;
            }
            taken.add(candidate);
        }
        if (!taken.isEmpty()) {
            // the lease, in one statement for the whole batch
            List<Object> leaseParams = new ArrayList<>();
            leaseParams.add(Timestamp.from(now.plus(properties.lease())));
            taken.forEach(c -> leaseParams.add(c.id()));
            jdbc.sql("update notification set next_attempt_at = ? where id in ("
                            + String.join(",", taken.stream().map(c -> "?").toList()) + ")")
                    .params(leaseParams)
                    .update();
        }
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
        inFlight.decrementAndGet();
        inFlightByHost.get(notification.host()).decrementAndGet();
    }

    private void deliver(Claimed notification) {
        try {
            Instant started = clock.instant();
            NotificationSender.Result result =
                    sender.send(notification.url(), json.readValue(notification.payload(), FIELDS));
            transactions.executeWithoutResult(status -> record(notification, started, result));
        } catch (RuntimeException e) {
            log.error("Notification {} could not be delivered or recorded", notification.id(), e);
        } finally {
            release(notification);
            wake(); // capacity freed: claim more at once
        }
    }

    private void record(Claimed notification, Instant started, NotificationSender.Result result) {
        int attemptNo = notification.attempts() + 1;
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into notification_attempt (notification_id, attempt_no, started_at, latency_ms, http_status,
                            succeeded, response_excerpt, error)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        notification.id(),
                        attemptNo,
                        Timestamp.from(started),
                        result.latencyMs(),
                        result.httpStatus(),
                        result.succeeded(),
                        result.responseExcerpt(),
                        result.error())
                .update();
        String status;
        Timestamp next;
        if (result.succeeded()) {
            status = NotificationStatus.SUCCEEDED.name();
            next = null;
        } else if (attemptNo >= notification.maxAttempts()) {
            status = NotificationStatus.FAILED.name();
            next = null;
        } else {
            status = NotificationStatus.PENDING.name();
            Duration delay = properties.delayBefore(attemptNo + 1);
            next = Timestamp.from(now.plus(delay));
        }
        jdbc.sql("""
                        update notification set status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?,
                            succeeded_at = ?
                        where id = ? and attempts = ?""")
                .params(
                        status,
                        attemptNo,
                        next,
                        Timestamp.from(now),
                        result.succeeded() ? Timestamp.from(now) : null,
                        notification.id(),
                        notification.attempts())
                .update();
    }

    /** Stops the pump and claiming new sends; sends under way finish. */
    @Override
    public void close() {
        stopped = true;
        Thread thread = pump;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(CLOSE_WAIT.toMillis()); // a claim under way ends in its short transaction
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executor.shutdown();
    }
}
