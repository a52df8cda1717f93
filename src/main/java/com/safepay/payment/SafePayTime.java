package com.safepay.payment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times SafePay sends to merchants: ISO-8601, whole seconds, +08:00 (merchant-api.md). */
public final class SafePayTime {

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private SafePayTime() {}

    public static String format(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), CHINA)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
