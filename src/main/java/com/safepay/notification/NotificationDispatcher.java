package com.safepay.notification;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
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
 */
@Component
public class NotificationDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

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
        dispatchDue();
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
        List<Claimed> claimed = transactions.execute(status -> claim(free));
        for (Claimed notification : claimed) {
            sends.add(CompletableFuture.runAsync(() -> deliver(notification), executor));
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

    private List<Claimed> claim(int free) {
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
        List<Claimed> taken = new ArrayList<>();
        Timestamp leaseEnd = Timestamp.from(now.plus(properties.lease()));
        for (Claimed candidate : candidates) {
            if (taken.size() >= free) {
                break;
            }
            AtomicInteger host = inFlightByHost.computeIfAbsent(candidate.host(), h -> new AtomicInteger());
            if (host.get() >= properties.maxInFlightPerHost()) {
                continue;
            }
            host.incrementAndGet();
            inFlight.incrementAndGet();
            jdbc.sql("update notification set next_attempt_at = ? where id = ?")
                    .params(leaseEnd, candidate.id())
                    .update();
            taken.add(candidate);
        }
        return taken;
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
            inFlight.decrementAndGet();
            inFlightByHost.get(notification.host()).decrementAndGet();
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

    /** Stops claiming new sends; sends under way finish. */
    @Override
    public void close() {
        stopped = true;
        executor.shutdown();
    }
}
