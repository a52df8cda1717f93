package com.safepay.payment.api;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of one API request with the contract's format checks. Each check throws the error the
 * contract names; the order of calls in the controller gives the order of checks.
 */
final class ApiRequest {

    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,6})(\\.[0-9]{1,2})?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000.00");

    private final Map<String, String> fields;

    ApiRequest(Map<String, String> fields) {
        this.fields = fields;
    }

    Map<String, String> fields() {
        return fields;
    }

    String get(String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    void require(String... names) {
        for (String name : names) {
            if (get(name) == null) {
                throw new ApiException(ApiError.MISSING_PARAMETER, "Missing parameter: " + name);
            }
        }
    }

    void requireOneOf(String a, String b) {
        if (get(a) == null && get(b) == null) {
            throw new ApiException(ApiError.MISSING_PARAMETER, "Missing parameter: " + a + " or " + b);
        }
    }

    void checkCommon(Clock clock, Duration window) {
        if (!"RSA2".equals(get("sign_type"))) {
            throw new ApiException(ApiError.UNSUPPORTED_SIGN_TYPE, "sign_type must be RSA2");
        }
        if (!get("merchant_no").matches("2088[0-9]{12}")) {
            throw new ApiException(ApiError.INVALID_PARAMETER, "merchant_no is not a merchant number");
        }
        OffsetDateTime timestamp;
        try {
            timestamp = OffsetDateTime.parse(get("timestamp"));
        } catch (DateTimeParseException e) {
            throw new ApiException(ApiError.INVALID_TIMESTAMP, "timestamp must be ISO-8601 with an offset");
        }
        Duration skew = Duration.between(timestamp.toInstant(), clock.instant()).abs();
        if (skew.compareTo(window) > 0) {
            throw new ApiException(
                    ApiError.TIMESTAMP_EXPIRED, "timestamp is more than " + window.toMinutes() + " minutes off");
        }
    }

    /** An amount in fen, from 0.01 to 1,000,000.00 yuan. */
    long amount(String name) {
        String value = get(name);
        if (value == null || !AMOUNT.matcher(value).matches()) {
            throw new ApiException(
                    ApiError.INVALID_AMOUNT, name + " must be a decimal amount in yuan with at most two decimals");
        }
        BigDecimal yuan = new BigDecimal(value);
        if (yuan.signum() <= 0 || yuan.compareTo(MAX_AMOUNT) > 0) {
            throw new ApiException(ApiError.INVALID_AMOUNT, name + " must be between 0.01 and 1000000.00");
        }
        return yuan.movePointRight(2).longValueExact();
    }

    void identifier(String name) {
        String value = get(name);
        if (value != null && !IDENTIFIER.matcher(value).matches()) {
            throw new ApiException(ApiError.INVALID_PARAMETER, name + " must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
    }

    /**
     * A merchant's text (subject, body, refund reason): {@code min} to {@code max} characters counted as
     * code points, without control characters or bidirectional overrides, which could break the lines
     * of exports and logs or make the cashier show a subject reversed.
     */
    void text(String name, int min, int max) {
        String value = get(name);
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new ApiException(
                    ApiError.INVALID_PARAMETER, name + " must have " + min + " to " + max + " characters");
        }
        if (value.chars().anyMatch(ApiRequest::isRefusedInText)) {
            throw new ApiException(
                    ApiError.INVALID_PARAMETER,
                    name + " must not contain control characters (U+0000-U+001F, U+007F)"
                            + " or bidirectional overrides (U+202A-U+202E, U+2066-U+2069)");
        }
    }

    /** All refused characters are in the BMP, so looking at UTF-16 units finds them. */
    private static boolean isRefusedInText(int c) {
        return c <= 0x1F || c == 0x7F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** An absolute http(s) URL of at most 512 characters. */
    URI url(String name, ApiError error) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (value.length() > 512
                    || !uri.isAbsolute()
                    || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new ApiException(error, name + " must be an absolute http(s) URL of at most 512 characters");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ApiException(error, name + " is not a URL");
        }
    }
}
