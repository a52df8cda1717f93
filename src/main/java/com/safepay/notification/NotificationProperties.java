package com.safepay.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param schedule the delay before each send after the previous one; its size is the most sends
 *     (default: at once, then 1m, 5m, 15m, 1h, 2h, 6h — seven sends)
 * @param timeout how long a merchant server has to answer
 * @param maxInFlight sends under way at once, all merchants together
 * @param maxInFlightPerHost sends under way at once to one host, so a slow or dead server never takes all
 * @param lease how long a claimed send stays claimed; longer than {@code timeout}
 * @param responseCap bytes of a response read and kept
 * @param continuous whether the dispatcher's pump runs from application start (default true; tests
 *     turn it off and dispatch themselves)
 */
@ConfigurationProperties("safepay.notify")
public record NotificationProperties(
        List<Duration> schedule,
        Duration timeout,
        int maxInFlight,
        int maxInFlightPerHost,
        Duration lease,
        int responseCap,
        Boolean continuous) {

    public NotificationProperties {
        if (schedule == null || schedule.isEmpty()) {
            schedule = List.of(
                    Duration.ZERO,
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(15),
                    Duration.ofHours(1),
                    Duration.ofHours(2),
                    Duration.ofHours(6));
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxInFlight = maxInFlight <= 0 ? 256 : maxInFlight;
        maxInFlightPerHost = maxInFlightPerHost <= 0 ? 16 : maxInFlightPerHost;
        lease = lease == null ? timeout.plusSeconds(20) : lease;
        responseCap = responseCap <= 0 ? 2048 : responseCap;
        continuous = continuous == null || continuous;
        if (lease.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("safepay.notify.lease must be longer than the timeout");
        }
    }

    public int maxSends() {
        return schedule.size();
    }

    /** Delay before send number {@code n} (1-based) after the previous one. */
    public Duration delayBefore(int n) {
        return schedule.get(Math.min(n, schedule.size()) - 1);
    }
}
