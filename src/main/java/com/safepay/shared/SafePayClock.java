package com.safepay.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The system clock in UTC, which the demo data seeding can set back on its own thread to create
 * history ("a trade paid 40 days ago") through the real engine. No other code sets it.
 */
public final class SafePayClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private final ThreadLocal<Instant> override = new ThreadLocal<>();

    /** Runs {@code work} on this thread as if it were {@code instant}. */
    public <T> T runAt(Instant instant, Supplier<T> work) {
        Instant previous = override.get();
        override.set(instant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                override.remove();
            } else {
                override.set(previous);
            }
        }
    }

    /** Whether this thread runs set back in time (demo seeding). */
    public boolean isSetBack() {
        return override.get() != null;
    }

    @Override
    public Instant instant() {
        Instant set = override.get();
        return set != null ? set : system.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("SafePay works in UTC instants");
    }
}
