package com.safepay.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExampleMerchantClientTest {

    private static final KeyPair MERCHANT = generateKeyPair();
    private static final KeyPair SAFEPAY = generateKeyPair();

    // 2026-11-25 14:03:00 in Shanghai
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T06:03:00Z"), ZoneOffset.UTC);

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN " + type + "-----\n" + encoder.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static Map<String, String> createRequest() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", "20261125-0001");
        fields.put("subject", "拿铁 Latte");
        fields.put("total_amount", "0.01");
        fields.put("trade_type", "INSTANT");
        fields.put("notify_url", "https://shop.example/safepay/notify");
        fields.put("return_url", "https://shop.example/return?order=42");
        fields.put("merchant_no", "2088100000000001");
        fields.put("timestamp", "2026-11-25T14:03:00+08:00");
        fields.put("sign_type", "RSA2");
        return fields;
    }

    @Test
    void canonical_content_sorts_keys_and_skips_sign_fields_and_empty_values() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("b", "2");
        fields.put("sign", "c2lnbg==");
        fields.put("a", "1");
        fields.put("sign_type", "RSA2");
        fields.put("empty", "");
        fields.put("missing", null);
        fields.put("B", "upper case sorts first");
        fields.put("c", "x=1&y=2 中文");

        assertThat(ExampleMerchantClient.canonicalContent(fields))
                .isEqualTo("B=upper case sorts first&a=1&b=2&c=x=1&y=2 中文");
    }

    @Test
    void canonical_content_orders_keys_by_their_utf8_bytes_not_by_java_string_order() {
        // U+FF21 is EF BC A1 in UTF-8, U+1F600 is F0 9F 98 80; as UTF-16 the emoji (D83D DE00) would come first
        Map<String, String> fields = Map.of("\uD83D\uDE00", "emoji", "\uFF21", "fullwidth");

        assertThat(ExampleMerchantClient.canonicalContent(fields)).isEqualTo("\uFF21=fullwidth&\uD83D\uDE00=emoji");
    }

    @Test
    void the_worked_example_of_the_integration_guide_holds() {
        // docs/merchant-integration.md shows this canonical string; keep the two in step
        assertThat(ExampleMerchantClient.canonicalContent(createRequest()))
                .isEqualTo("merchant_no=2088100000000001"
                        + "&notify_url=https://shop.example/safepay/notify"
                        + "&out_trade_no=20261125-0001"
                        + "&return_url=https://shop.example/return?order=42"
                        + "&subject=拿铁 Latte"
                        + "&timestamp=2026-11-25T14:03:00+08:00"
                        + "&total_amount=0.01"
                        + "&trade_type=INSTANT");
    }

    @Test
    void a_signature_verifies_with_the_matching_public_key_and_fails_when_a_value_changes() {
        Map<String, String> fields = createRequest();
        fields.put("sign", ExampleMerchantClient.sign(fields, MERCHANT.getPrivate()));

        assertThat(ExampleMerchantClient.verify(fields, MERCHANT.getPublic())).isTrue();
        assertThat(ExampleMerchantClient.verify(fields, SAFEPAY.getPublic())).isFalse();

        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put("total_amount", "0.02");
        assertThat(ExampleMerchantClient.verify(changed, MERCHANT.getPublic())).isFalse();

        Map<String, String> added = new LinkedHashMap<>(fields);
        added.put("body", "one more field");
        assertThat(ExampleMerchantClient.verify(added, MERCHANT.getPublic())).isFalse();
    }

    @Test
    void sign_type_and_empty_fields_do_not_change_the_signature() {
        Map<String, String> fields = createRequest();
        String sign = ExampleMerchantClient.sign(fields, MERCHANT.getPrivate());

        Map<String, String> variant = new LinkedHashMap<>(fields);
        variant.put("sign_type", "anything");
        variant.put("body", "");
        variant.put("sign", sign);
        assertThat(ExampleMerchantClient.verify(variant, MERCHANT.getPublic())).isTrue();
    }

    @Test
    void a_missing_or_malformed_sign_does_not_verify() {
        Map<String, String> fields = createRequest();
        assertThat(ExampleMerchantClient.verify(fields, MERCHANT.getPublic())).isFalse();
        fields.put("sign", "");
        assertThat(ExampleMerchantClient.verify(fields, MERCHANT.getPublic())).isFalse();
        fields.put("sign", "not base64 !");
        assertThat(ExampleMerchantClient.verify(fields, MERCHANT.getPublic())).isFalse();
        fields.put("sign", "c2lnbg==");
        assertThat(ExampleMerchantClient.verify(fields, MERCHANT.getPublic())).isFalse();
    }

    @Test
    void pem_keys_round_trip() {
        PrivateKey privateKey = ExampleMerchantClient.readPrivateKeyPem(
                pem("PRIVATE KEY", MERCHANT.getPrivate().getEncoded()));
        PublicKey publicKey = ExampleMerchantClient.readPublicKeyPem(
                pem("PUBLIC KEY", MERCHANT.getPublic().getEncoded()));

        assertThat(privateKey.getEncoded()).isEqualTo(MERCHANT.getPrivate().getEncoded());
        assertThat(publicKey).isEqualTo(MERCHANT.getPublic());
        Map<String, String> fields = createRequest();
        fields.put("sign", ExampleMerchantClient.sign(fields, privateKey));
        assertThat(ExampleMerchantClient.verify(fields, MERCHANT.getPublic())).isTrue();
    }

    @Test
    void a_pkcs1_or_mislabelled_pem_is_rejected_with_a_hint() {
        assertThatThrownBy(() -> ExampleMerchantClient.readPrivateKeyPem(
                        pem("RSA PRIVATE KEY", MERCHANT.getPrivate().getEncoded())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> ExampleMerchantClient.readPublicKeyPem(
                        pem("PRIVATE KEY", MERCHANT.getPrivate().getEncoded())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static URI returnUrl(String merchantReturnUrl, Map<String, String> safePayFields, String sign) {
        StringBuilder url = new StringBuilder(merchantReturnUrl);
        safePayFields.forEach((key, value) -> url.append(url.indexOf("?") < 0 ? '?' : '&')
                .append(key)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        url.append("&sign_type=RSA2&sign=").append(URLEncoder.encode(sign, StandardCharsets.UTF_8));
        return URI.create(url.toString());
    }

    private static Map<String, String> returnFields(String totalAmount) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", "20261125-0001");
        fields.put("trade_no", "2026112522001400000001");
        fields.put("total_amount", totalAmount);
        fields.put("result_code", "9000");
        fields.put("timestamp", "2026-11-25T14:05:12+08:00");
        return fields;
    }

    @Test
    void return_url_verification_ignores_the_merchants_own_query_parameters() {
        Map<String, String> fields = returnFields("0.01");
        String sign = ExampleMerchantClient.sign(fields, SAFEPAY.getPrivate());
        URI returned = returnUrl("https://shop.example/return?order=42", fields, sign);

        assertThat(returned.getRawQuery()).startsWith("order=42&out_trade_no=20261125-0001&");
        assertThat(ExampleMerchantClient.verifyReturnUrl(returned, SAFEPAY.getPublic()))
                .isTrue();
        assertThat(ExampleMerchantClient.verifyReturnUrl(returned, MERCHANT.getPublic()))
                .isFalse();
    }

    @Test
    void a_return_url_whose_safepay_fields_were_changed_or_dropped_does_not_verify() {
        String sign = ExampleMerchantClient.sign(returnFields("0.01"), SAFEPAY.getPrivate());

        URI changedAmount = returnUrl("https://shop.example/return?order=42", returnFields("100.00"), sign);
        assertThat(ExampleMerchantClient.verifyReturnUrl(changedAmount, SAFEPAY.getPublic()))
                .isFalse();

        Map<String, String> withoutResultCode = returnFields("0.01");
        withoutResultCode.remove("result_code");
        URI dropped = returnUrl(
                "https://shop.example/return",
                withoutResultCode,
                ExampleMerchantClient.sign(withoutResultCode, SAFEPAY.getPrivate()));
        assertThat(ExampleMerchantClient.verifyReturnUrl(dropped, SAFEPAY.getPublic()))
                .isFalse();

        assertThat(ExampleMerchantClient.verifyReturnUrl(
                        URI.create("https://shop.example/return?order=42"), SAFEPAY.getPublic()))
                .isFalse();
    }

    @Test
    void the_request_timestamp_is_to_the_second_with_the_china_offset() {
        Clock withMillis = Clock.offset(clock, Duration.ofMillis(250));
        ExampleMerchantClient client = new ExampleMerchantClient(
                URI.create("http://localhost"),
                "2088100000000001",
                MERCHANT.getPrivate(),
                SAFEPAY.getPublic(),
                withMillis);

        assertThat(client.timestamp()).isEqualTo("2026-11-25T14:03:00+08:00");
    }

    @Test
    void flat_json_round_trips_escapes_and_chinese_and_rejects_anything_else() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("subject", "拿铁 \"Latte\" \\ /\n\t\u0001");
        fields.put("code", "10000");

        String json = ExampleMerchantClient.toJson(fields);
        assertThat(json).contains("拿铁").contains("\\u0001");
        assertThat(ExampleMerchantClient.parseJson(json)).containsExactlyEntriesOf(fields);
        assertThat(ExampleMerchantClient.parseJson(" { \"a\" : \"\\u4e2d\\/\" } "))
                .containsExactly(Map.entry("a", "中/"));
        assertThat(ExampleMerchantClient.parseJson("{}")).isEmpty();

        for (String bad : List.of(
                "{\"a\":1}",
                "{\"a\":{\"b\":\"c\"}}",
                "{\"a\":\"1\",\"a\":\"2\"}",
                "{\"a\":\"1\"} x",
                "[]",
                "",
                "{\"a\":\"\\u12G4\"}")) {
            assertThatThrownBy(() -> ExampleMerchantClient.parseJson(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A stand-in for SafePay: checks the request like SafePay would and answers what {@code answer} makes of it. */
    private static HttpServer fakeSafePay(List<String> seen, Function<Map<String, String>, ServerAnswer> answer)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> request = ExampleMerchantClient.parseJson(body);
            seen.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.add(ExampleMerchantClient.verify(request, MERCHANT.getPublic()) ? "signed" : "NOT SIGNED");
            seen.add(ExampleMerchantClient.toJson(request));
            ServerAnswer reply = answer.apply(request);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private record ServerAnswer(int status, String body) {}

    private static String signedJson(Map<String, String> fields) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("sign", ExampleMerchantClient.sign(signed, SAFEPAY.getPrivate()));
        return ExampleMerchantClient.toJson(signed);
    }

    @Test
    void a_call_sends_a_signed_json_request_and_returns_the_verified_answer_with_its_http_status() throws Exception {
        List<String> seen = new ArrayList<>();
        HttpServer server = fakeSafePay(seen, request -> {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("code", "40004");
            error.put("msg", "Business Failed");
            error.put("sub_code", "ORDER_NO_CONFLICT");
            error.put("sub_msg", "out_trade_no " + request.get("out_trade_no") + " names another trade");
            return new ServerAnswer(409, signedJson(error));
        });
        try (ExampleMerchantClient client = new ExampleMerchantClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                "2088100000000001",
                MERCHANT.getPrivate(),
                SAFEPAY.getPublic(),
                clock)) {
            ExampleMerchantClient.Response response = client.callWithStatus(
                    "/api/v1/trade/create",
                    Map.of(
                            "out_trade_no", "20261125-0001",
                            "subject", "拿铁 Latte",
                            "total_amount", "0.01",
                            "trade_type", "INSTANT",
                            "notify_url", "https://shop.example/safepay/notify",
                            "return_url", ""));

            assertThat(response.httpStatus()).isEqualTo(409);
            assertThat(response.code()).isEqualTo("40004");
            assertThat(response.isSuccess()).isFalse();
            assertThat(response.fields())
                    .containsEntry("sub_code", "ORDER_NO_CONFLICT")
                    .containsEntry("sub_msg", "out_trade_no 20261125-0001 names another trade");
            assertThat(seen.get(0)).isEqualTo("POST /api/v1/trade/create application/json; charset=UTF-8");
            assertThat(seen.get(1)).isEqualTo("signed");
            Map<String, String> sent = ExampleMerchantClient.parseJson(seen.get(2));
            assertThat(sent)
                    .containsEntry("merchant_no", "2088100000000001")
                    .containsEntry("timestamp", "2026-11-25T14:03:00+08:00")
                    .containsEntry("sign_type", "RSA2")
                    .containsEntry("subject", "拿铁 Latte")
                    .doesNotContainKey("return_url"); // empty values are left out, as they are not signed
        } finally {
            server.stop(0);
        }
    }

    @Test
    void an_answer_that_is_not_signed_by_safepay_is_refused() throws Exception {
        // well-formed and signed, but with a key other than SafePay's
        Map<String, String> success = new LinkedHashMap<>();
        success.put("code", "10000");
        success.put("msg", "Success");
        success.put("trade_status", "TRADE_SUCCESS");
        success.put("sign", ExampleMerchantClient.sign(success, MERCHANT.getPrivate()));
        String forged = ExampleMerchantClient.toJson(success);
        List<String> seen = new ArrayList<>();
        HttpServer server = fakeSafePay(seen, request -> new ServerAnswer(200, forged));
        try (ExampleMerchantClient client = new ExampleMerchantClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "2088100000000001",
                MERCHANT.getPrivate(),
                SAFEPAY.getPublic(),
                clock)) {
            assertThatThrownBy(() -> client.queryTrade("20261125-0001"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not verify");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void common_fields_cannot_be_passed_as_business_fields() {
        ExampleMerchantClient client = new ExampleMerchantClient(
                URI.create("http://localhost"), "2088100000000001", MERCHANT.getPrivate(), SAFEPAY.getPublic(), clock);

        assertThatThrownBy(() -> client.call("/api/v1/trade/query", Map.of("merchant_no", "2088100000000002")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
