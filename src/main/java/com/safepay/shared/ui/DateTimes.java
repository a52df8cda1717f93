package com.safepay.shared.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Shows instants in the viewer's time zone, the same way on every page. */
public final class DateTimes {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DateTimes() {}

    /** {@code 2026-11-25 14:03:00} in {@code zone}; an empty string for {@code null}. */
    public static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
    }
}
