package com.safepay.reconciliation;

import com.safepay.payment.TradeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the merchant searches for: trades created in {@code [from, to)} that match every filter that
 * is set. Text filters are trimmed; blank means "any".
 *
 * @param numberKind whether {@code number} is a trade no (交易号) or a merchant order no (商户订单号)
 * @param number exact trade no or merchant order no, or blank
 * @param productName part of the product name (商品名称), or blank
 * @param counterparty part of the buyer's masked account (交易对方), or blank
 * @param type instant or escrow, or {@code null} for both
 * @param from created at or after (inclusive)
 * @param to created before (exclusive)
 */
public record TradeSearch(
        NumberKind numberKind,
        String number,
        String productName,
        String counterparty,
        TradeType type,
        Instant from,
        Instant to) {

    /** The longest range one search may cover. */
    public static final Duration MAX_SPAN = Duration.ofDays(180);

    public enum NumberKind {
        TRADE_NO,
        OUT_TRADE_NO
    }

    /** Why a time range is refused; {@link #messageKey()} is the translation key. */
    public enum RangeProblem {
        MISSING("recon.error.rangeMissing"),
        START_AFTER_END("recon.error.startAfterEnd"),
        TOO_LONG("recon.error.rangeTooLong");

        private final String messageKey;

        RangeProblem(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    public TradeSearch {
        numberKind = numberKind == null ? NumberKind.TRADE_NO : numberKind;
        number = blankToNull(number);
        productName = blankToNull(productName);
        counterparty = blankToNull(counterparty);
    }

    /** All trades of {@code [from, to)}, no other filter. */
    public static TradeSearch between(Instant from, Instant to) {
        return new TradeSearch(NumberKind.TRADE_NO, null, null, null, null, from, to);
    }

    /** The same rule in the view and in the service: both ends set, start not after end, at most 180 days. */
    public static Optional<RangeProblem> checkRange(Instant from, Instant to) {
        if (from == null || to == null) {
            return Optional.of(RangeProblem.MISSING);
        }
        if (from.isAfter(to)) {
            return Optional.of(RangeProblem.START_AFTER_END);
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            return Optional.of(RangeProblem.TOO_LONG);
        }
        return Optional.empty();
    }

    public Optional<RangeProblem> rangeProblem() {
        return checkRange(from, to);
    }

    /** Text filters cannot be answered from the daily aggregates: totals and paging read the rows. */
    boolean hasTextFilter() {
        return number != null || productName != null || counterparty != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
