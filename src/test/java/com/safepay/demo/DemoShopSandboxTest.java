package com.safepay.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.PlatformKeys;
import com.safepay.notification.NotificationDispatcher;
import com.safepay.support.TestClockConfiguration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo's sandbox notify receiver answers SafePay's server-to-server POST itself (no session, no
 * CSRF token, no redirect to the sign-in page), only when SafePay's signature holds, and the demo
 * trades' notifications reach it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import(TestClockConfiguration.class)
class DemoShopSandboxTest {

    @LocalServerPort
    int port;

    @Autowired
    PlatformKeys platformKeys;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo-shop/notify"))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> notification(String outTradeNo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_id", "sandbox-" + outTradeNo);
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_time", "2026-11-26 12:00:00");
        fields.put("out_trade_no", outTradeNo);
        fields.put("trade_status", "TRADE_SUCCESS");
        return fields;
    }

    /** An order number the sandbox answers {@code success} for at once (see DemoShopController). */
    private static String healthyOrder() {
        return IntStream.range(0, 1000)
                .mapToObj(i -> "ORDER-" + i)
                .filter(no -> Math.floorMod(no.hashCode(), 100) >= 20)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_signed_notification_is_answered_success_without_a_session() throws Exception {
        Map<String, String> fields = notification(healthyOrder());
        fields.put("sign_type", "RSA2");
        fields.put("sign", platformKeys.sign(fields));

        HttpResponse<String> response = post(fields);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().trim()).isEqualTo("success");
    }

    @Test
    void a_notification_with_a_wrong_signature_is_refused() throws Exception {
        Map<String, String> fields = notification(healthyOrder());
        fields.put("sign_type", "RSA2");
        fields.put("sign", platformKeys.sign(notification("ANOTHER-ORDER")));

        HttpResponse<String> response = post(fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("bad signature");
    }

    @Test
    void the_demo_trades_notifications_reach_the_sandbox_and_most_succeed() {
        dispatcher.dispatchAllDueAndWait();

        assertThat(jdbc.sql("select distinct notify_url from notification")
                        .query(String.class)
                        .list())
                .containsExactly("http://localhost:" + port + "/demo-shop/notify");
        assertThat(jdbc.sql("select count(*) from notification_attempt where http_status not in (200, 500)")
                        .query(Long.class)
                        .single())
                .as("every send reached the sandbox (no redirect, no error page)")
                .isZero();
        long succeeded = jdbc.sql("select count(*) from notification where status = 'SUCCEEDED'")
                .query(Long.class)
                .single();
        long all =
                jdbc.sql("select count(*) from notification").query(Long.class).single();
        assertThat(all).isPositive();
        assertThat(succeeded).as("most demo orders answer success at once").isGreaterThan(all / 2);
    }
}
