package com.safepay.payment;

import java.time.Duration;
import java.util.Objects;

/**
 * A valid trade/create request (the API checked the formats).
 *
 * @param timeoutExpress {@code \d+[mhd]}, e.g. {@code 30m}
 */
public record CreateTrade(
        long merchantId,
        String outTradeNo,
        String subject,
        String body,
        long totalAmount,
        TradeType type,
        String notifyUrl,
        String returnUrl,
        String timeoutExpress) {

    public static final String DEFAULT_TIMEOUT = "30m";

    public CreateTrade {
        Objects.requireNonNull(outTradeNo);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(type);
        Objects.requireNonNull(notifyUrl);
        if (totalAmount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        timeoutExpress = timeoutExpress == null || timeoutExpress.isEmpty() ? DEFAULT_TIMEOUT : timeoutExpress;
        timeout(timeoutExpress);
    }

    /** Parses {@code 30m}, {@code 2h}, {@code 15d}; 1 minute to 15 days. */
    public static Duration timeout(String express) {
        if (express == null || !express.matches("[0-9]{1,6}[mhd]")) {
            throw new IllegalArgumentException("timeout_express must look like 30m, 2h or 1d");
        }
        long n = Long.parseLong(express.substring(0, express.length() - 1));
        Duration duration = switch (express.charAt(express.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(Duration.ofDays(15)) > 0) {
            throw new IllegalArgumentException("timeout_express must be between 1m and 15d");
        }
        return duration;
    }

    /** Same request as {@code trade}, as the idempotency rule compares them. */
    boolean sameAs(Trade trade) {
        return totalAmount == trade.totalAmount()
                && subject.equals(trade.subject())
                && Objects.equals(emptyToNull(body), emptyToNull(trade.body()))
                && type == trade.type()
                && notifyUrl.equals(trade.notifyUrl())
                && Objects.equals(emptyToNull(returnUrl), emptyToNull(trade.returnUrl()))
                && timeoutExpress.equals(trade.timeoutExpress());
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
