package com.safepay.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A time range cut along UTC days: the whole days in it (answered from the daily aggregates) and at
 * most two partial days at its ends (answered from the rows).
 *
 * @param firstDay first whole day, inclusive; {@code null} when there is none
 * @param endDay end of the whole days, exclusive
 */
record Window(Instant from, Instant to, LocalDate firstDay, LocalDate endDay, Interval head, Interval tail) {

    /** {@code [start, end)}. */
    record Interval(Instant start, Instant end) {

        boolean isEmpty() {
            return !start.isBefore(end);
        }
    }

    static Window of(Instant from, Instant to) {
        Instant firstMidnight = from.truncatedTo(ChronoUnit.DAYS);
        if (firstMidnight.isBefore(from)) {
            firstMidnight = firstMidnight.plus(1, ChronoUnit.DAYS);
        }
        Instant lastMidnight = to.truncatedTo(ChronoUnit.DAYS);
        if (!firstMidnight.isBefore(lastMidnight)) {
            Interval all = new Interval(from, to);
            return new Window(from, to, null, null, all, new Interval(to, to));
        }
        return new Window(
                from,
                to,
                day(firstMidnight),
                day(lastMidnight),
                new Interval(from, firstMidnight),
                new Interval(lastMidnight, to));
    }

    boolean hasWholeDays() {
        return firstDay != null;
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Every piece of the window in time order: the head, each whole day, the tail (empty ones left out). */
    List<Interval> pieces() {
        List<Interval> pieces = new ArrayList<>();
        if (!head.isEmpty()) {
            pieces.add(head);
        }
        if (hasWholeDays()) {
            for (LocalDate d = firstDay; d.isBefore(endDay); d = d.plusDays(1)) {
                pieces.add(new Interval(start(d), start(d.plusDays(1))));
            }
        }
        if (!tail.isEmpty()) {
            pieces.add(tail);
        }
        return pieces;
    }
}
