package com.safepay.notification;

import com.safepay.merchant.PlatformKeys;
import com.safepay.payment.SafePayTime;
import com.safepay.shared.NotifyUrlPolicy;
import com.safepay.shared.RsaSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * One HTTP delivery: a form-encoded POST signed with SafePay's key. Success is HTTP 200 whose body,
 * trimmed, is exactly {@code success}. Redirects are not followed; the answer is read up to a cap.
 * Plain HTTP/1.1 with kept-alive connections: the JDK client's default (HTTP/2) would offer every
 * request on {@code http://} an {@code Upgrade: h2c}, which merchant servers do not need and the
 * client pays for on each send.
 */
@Component
class NotificationSender {

    record Result(Integer httpStatus, boolean succeeded, String responseExcerpt, String error, long latencyMs) {}

    private final HttpClient http;
    private final PlatformKeys platformKeys;
    private final NotifyUrlPolicy urlPolicy;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationSender(
            PlatformKeys platformKeys, NotifyUrlPolicy urlPolicy, NotificationProperties properties, Clock clock) {
        this.platformKeys = platformKeys;
        this.urlPolicy = urlPolicy;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
    }

    /** The signed form fields of a send: the stored payload plus this send's notify_time. */
    Map<String, String> signedFields(Map<String, String> payload) {
        Map<String, String> fields = new LinkedHashMap<>(payload);
        fields.put("notify_time", SafePayTime.format(clock.instant()));
        fields.put(RsaSignatures.SIGN_TYPE, RsaSignatures.RSA2);
        fields.put(RsaSignatures.SIGN, platformKeys.sign(fields));
        return fields;
    }

    Result send(String url, Map<String, String> payload) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Result(null, false, null, "invalid notify_url", 0);
        }
        if (!urlPolicy.isAllowed(uri)) {
            return new Result(null, false, null, "refused: notify_url does not resolve to a public address", 0);
        }
        String body = signedFields(payload).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("User-Agent", "SafePay-Notify/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readNBytes(properties.responseCap()), StandardCharsets.UTF_8);
            }
            boolean ok = response.statusCode() == 200 && "success".equals(text.strip());
            return new Result(response.statusCode(), ok, excerpt(text), null, millisSince(started));
        } catch (HttpTimeoutException e) {
            return new Result(
                    null,
                    false,
                    null,
                    "timeout after " + properties.timeout().toSeconds() + " s",
                    millisSince(started));
        } catch (IOException e) {
            return new Result(
                    null,
                    false,
                    null,
                    excerpt(e.getClass().getSimpleName() + ": " + e.getMessage()),
                    millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, false, null, "interrupted", millisSince(started));
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
