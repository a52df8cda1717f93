package com.safepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.example.ExampleMerchantClient;
import com.safepay.example.ExampleMerchantClient.Response;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.shared.RsaSignatures;
import com.safepay.support.MutableClock;
import com.safepay.support.SystemUser;
import com.safepay.support.TestClockConfiguration;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/** The merchant API over real HTTP, signed as a merchant signs, against merchant-api.md. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class MerchantApiTest {

    /** The server's clock: it stands still unless a test moves it, so requests are timed by it, not by the wall. */
    @Autowired
    MutableClock serverClock;

    @LocalServerPort
    int port;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    PlatformKeys platformKeys;

    @Autowired
    BuyerService buyers;

    @Autowired
    TradeService trades;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    /** One code point that takes two UTF-16 units (a surrogate pair) and four UTF-8 bytes. */
    static final String EMOJI = "\uD83D\uDE00";

    TestMerchant merchant;
    ExampleMerchantClient client;

    @BeforeEach
    void merchantWithKey() {
        merchant = TestMerchants.merchant(merchants, merchantKeys);
        client = merchant.client(port, platformKeys.publicKey(), serverClock);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private Map<String, String> createFields(String outTradeNo, String amount, String type) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", outTradeNo);
        fields.put("subject", "测试商品 Test item");
        fields.put("total_amount", amount);
        fields.put("trade_type", type);
        fields.put("notify_url", "http://localhost:" + port + "/notify");
        return fields;
    }

    private Response create(String outTradeNo, String amount) throws Exception {
        return client.callWithStatus("/api/v1/trade/create", createFields(outTradeNo, amount, "INSTANT"));
    }

    @Test
    void a_valid_signed_create_makes_a_trade_and_the_answer_is_signed_by_safepay() throws Exception {
        Response response = create("order-1", "1.5");
        assertThat(response.httpStatus()).isEqualTo(200);
        assertThat(response.fields())
                .containsEntry("code", "10000")
                .containsEntry("msg", "Success")
                .containsEntry("out_trade_no", "order-1")
                .containsEntry("total_amount", "1.50")
                .containsEntry("trade_status", "WAIT_BUYER_PAY")
                .containsKeys("trade_no", "cashier_url", "sign");
        assertThat(response.fields().get("cashier_url"))
                .matches("http://.*/cashier/" + response.fields().get("trade_no") + "/[A-Za-z0-9_-]{43}");
        assertThat(RsaSignatures.verify(response.fields(), platformKeys.publicKey()))
                .isTrue();
    }

    @Test
    void a_tampered_body_is_refused_as_invalid_signature_and_creates_nothing() throws Exception {
        Map<String, String> fields = signed(createFields("tampered-1", "10.00", "INSTANT"));
        fields.put("total_amount", "0.01");
        HttpResponse<String> response = post("/api/v1/trade/create", fields);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(answer(response)).containsEntry("code", "40003").containsEntry("sub_code", "INVALID_SIGNATURE");
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "tampered-1"))
                .isEmpty();
    }

    @Test
    void a_request_signed_with_another_key_is_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Map<String, String> fields = common(createFields("wrong-key-1", "10.00", "INSTANT"));
        fields.put(
                "sign", RsaSignatures.sign(fields, generator.generateKeyPair().getPrivate()));
        HttpResponse<String> response = post("/api/v1/trade/create", fields);
        assertThat(answer(response)).containsEntry("code", "40003");
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "wrong-key-1"))
                .isEmpty();
    }

    @Test
    void an_expired_timestamp_is_refused() throws Exception {
        Map<String, String> fields = createFields("expired-1", "10.00", "INSTANT");
        fields.put("merchant_no", merchant.merchantNo());
        fields.put(
                "timestamp",
                OffsetDateTime.now(serverClock.withZone(ZoneOffset.ofHours(8)))
                        .minusMinutes(6)
                        .toString());
        fields.put("sign_type", "RSA2");
        fields.put("sign", RsaSignatures.sign(fields, merchant.keys().getPrivate()));
        HttpResponse<String> response = post("/api/v1/trade/create", fields);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(answer(response)).containsEntry("code", "40002").containsEntry("sub_code", "TIMESTAMP_EXPIRED");
    }

    @Test
    void a_timestamp_without_offset_is_invalid() throws Exception {
        Map<String, String> fields = createFields("no-offset-1", "10.00", "INSTANT");
        fields.put("merchant_no", merchant.merchantNo());
        fields.put("timestamp", "2026-11-25T14:03:00");
        fields.put("sign_type", "RSA2");
        fields.put("sign", RsaSignatures.sign(fields, merchant.keys().getPrivate()));
        assertThat(answer(post("/api/v1/trade/create", fields))).containsEntry("sub_code", "INVALID_TIMESTAMP");
    }

    @Test
    void a_missing_sign_is_a_missing_parameter() throws Exception {
        Map<String, String> fields = common(createFields("unsigned-1", "10.00", "INSTANT"));
        HttpResponse<String> response = post("/api/v1/trade/create", fields);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(answer(response))
                .containsEntry("code", "40001")
                .containsEntry("sub_code", "MISSING_PARAMETER")
                .containsEntry("sub_msg", "Missing parameter: sign");
        assertThat(RsaSignatures.verify(answer(response), platformKeys.publicKey()))
                .isTrue();
    }

    @Test
    void an_unsupported_sign_type_is_refused() throws Exception {
        Map<String, String> fields = signed(createFields("rsa1-1", "10.00", "INSTANT"));
        fields.put("sign_type", "RSA");
        assertThat(answer(post("/api/v1/trade/create", fields))).containsEntry("sub_code", "UNSUPPORTED_SIGN_TYPE");
    }

    @Test
    void malformed_amounts_are_refused_with_invalid_amount() throws Exception {
        for (String amount :
                new String[] {"0", "0.00", "1.234", "-1", "01.00", "1000000.01", "12345678", "1e3", "abc"}) {
            Response response = create("amount-" + UUID.randomUUID().toString().substring(0, 8), amount);
            assertThat(response.fields()).as(amount).containsEntry("sub_code", "INVALID_AMOUNT");
        }
        assertThat(create("amount-max", "1000000.00").fields()).containsEntry("code", "10000");
    }

    @Test
    void other_invalid_fields_are_refused_with_their_codes() throws Exception {
        Map<String, String> badType = createFields("bad-type", "1.00", "LAYAWAY");
        assertThat(client.call("/api/v1/trade/create", badType)).containsEntry("sub_code", "INVALID_PARAMETER");
        Map<String, String> badOrder = createFields("has space", "1.00", "INSTANT");
        assertThat(client.call("/api/v1/trade/create", badOrder)).containsEntry("sub_code", "INVALID_PARAMETER");
        Map<String, String> ftp = createFields("ftp-notify", "1.00", "INSTANT");
        ftp.put("notify_url", "ftp://example.com/notify");
        assertThat(client.call("/api/v1/trade/create", ftp)).containsEntry("sub_code", "INVALID_NOTIFY_URL");
        Map<String, String> timeout = createFields("bad-timeout", "1.00", "INSTANT");
        timeout.put("timeout_express", "16d");
        assertThat(client.call("/api/v1/trade/create", timeout)).containsEntry("sub_code", "INVALID_PARAMETER");
        Map<String, String> noSubject = createFields("no-subject", "1.00", "INSTANT");
        noSubject.remove("subject");
        assertThat(client.call("/api/v1/trade/create", noSubject))
                .containsEntry("code", "40001")
                .containsEntry("sub_msg", "Missing parameter: subject");
    }

    @Test
    void notify_urls_reaching_private_addresses_are_refused() throws Exception {
        for (String url : new String[] {
            "http://10.1.2.3/n", "http://192.168.0.1/n", "http://169.254.169.254/latest", "http://[::1]/n"
        }) {
            Map<String, String> fields =
                    createFields("ssrf-" + UUID.randomUUID().toString().substring(0, 8), "1.00", "INSTANT");
            fields.put("notify_url", url);
            assertThat(client.call("/api/v1/trade/create", fields))
                    .as(url)
                    .containsEntry("sub_code", "INVALID_NOTIFY_URL");
        }
    }

    @Test
    void an_unknown_merchant_is_refused_with_40006() throws Exception {
        Map<String, String> fields = createFields("nobody-1", "1.00", "INSTANT");
        fields.put("merchant_no", "2088999999999999");
        fields.put(
                "timestamp",
                OffsetDateTime.now(serverClock.withZone(ZoneOffset.ofHours(8))).toString());
        fields.put("sign_type", "RSA2");
        fields.put("sign", RsaSignatures.sign(fields, merchant.keys().getPrivate()));
        HttpResponse<String> response = post("/api/v1/trade/create", fields);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(answer(response)).containsEntry("code", "40006").containsEntry("sub_code", "MERCHANT_NOT_FOUND");
    }

    @Test
    void a_merchant_without_a_registered_key_is_refused_with_no_merchant_key() throws Exception {
        var keyless = SystemUser.asAdmin(() -> merchants.register(
                new MerchantNo("2088%012d".formatted(System.nanoTime() % 1_000_000_000_000L)),
                "Keyless",
                "keyless@test",
                ZoneId.of("Asia/Shanghai"),
                "test"));
        Map<String, String> fields = createFields("keyless-1", "1.00", "INSTANT");
        fields.put("merchant_no", keyless.merchantNo().value());
        fields.put(
                "timestamp",
                OffsetDateTime.now(serverClock.withZone(ZoneOffset.ofHours(8))).toString());
        fields.put("sign_type", "RSA2");
        fields.put("sign", RsaSignatures.sign(fields, merchant.keys().getPrivate()));
        HttpResponse<String> response = post("/api/v1/trade/create", fields);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(answer(response)).containsEntry("code", "40006").containsEntry("sub_code", "NO_MERCHANT_KEY");
    }

    @Test
    void a_repeated_create_returns_the_same_trade_and_a_different_one_is_a_conflict() throws Exception {
        Response first = create("repeat-1", "20.00");
        Response again = create("repeat-1", "20.0");
        assertThat(again.fields().get("trade_no")).isEqualTo(first.fields().get("trade_no"));
        Response conflict = create("repeat-1", "21.00");
        assertThat(conflict.httpStatus()).isEqualTo(409);
        assertThat(conflict.fields()).containsEntry("code", "40004").containsEntry("sub_code", "ORDER_NO_CONFLICT");
    }

    @Test
    void query_close_and_statuses_follow_the_contract() throws Exception {
        String tradeNo = create("close-1", "5.00").fields().get("trade_no");
        Map<String, String> query = client.queryTrade("close-1");
        assertThat(query)
                .containsEntry("trade_no", tradeNo)
                .containsEntry("trade_type", "INSTANT")
                .containsEntry("trade_status", "WAIT_BUYER_PAY")
                .containsEntry("refund_total", "0.00")
                .doesNotContainKey("gmt_payment")
                .doesNotContainKey("buyer_account");
        assertThat(query.get("gmt_create")).endsWith("+08:00");
        assertThat(client.sendGoods("close-1")).containsEntry("sub_code", "TRADE_STATUS_ERROR");
        assertThat(client.refund("close-1", "r1", "1.00", null)).containsEntry("sub_code", "TRADE_STATUS_ERROR");
        assertThat(client.closeTrade("close-1")).containsEntry("trade_status", "TRADE_CLOSED");
        assertThat(client.closeTrade("close-1")).containsEntry("sub_code", "TRADE_STATUS_ERROR");
    }

    @Test
    void trade_no_and_out_trade_no_must_name_the_same_trade() throws Exception {
        String a = create("pair-a", "1.00").fields().get("trade_no");
        create("pair-b", "1.00");
        Response mismatch =
                client.callWithStatus("/api/v1/trade/query", Map.of("trade_no", a, "out_trade_no", "pair-b"));
        assertThat(mismatch.httpStatus()).isEqualTo(404);
        assertThat(mismatch.fields()).containsEntry("sub_code", "TRADE_NOT_EXIST");
        assertThat(client.call("/api/v1/trade/query", Map.of("trade_no", a, "out_trade_no", "pair-a")))
                .containsEntry("code", "10000");
    }

    @Test
    void another_merchants_trade_does_not_exist_for_this_merchant() throws Exception {
        TestMerchant other = TestMerchants.merchant(merchants, merchantKeys);
        try (ExampleMerchantClient otherClient = other.client(port, platformKeys.publicKey(), serverClock)) {
            String tradeNo = otherClient
                    .call("/api/v1/trade/create", createFields("theirs-1", "1.00", "INSTANT"))
                    .get("trade_no");
            assertThat(client.call("/api/v1/trade/query", Map.of("trade_no", tradeNo)))
                    .containsEntry("sub_code", "TRADE_NOT_EXIST");
        }
    }

    @Test
    void refunds_are_idempotent_by_request_no_and_never_exceed_the_paid_amount() throws Exception {
        create("refund-1", "100.00");
        Buyer buyer = TestMerchants.buyer(buyers, 500_00);
        trades.pay(
                trades.findForMerchant(merchant.merchant().id(), null, "refund-1")
                        .orElseThrow()
                        .tradeNo(),
                buyer.id(),
                "PASSWORD");

        assertThat(client.refund("refund-1", "rq-1", "30.00", "size"))
                .containsEntry("refund_amount", "30.00")
                .containsEntry("refund_total", "30.00")
                .containsEntry("trade_status", "TRADE_SUCCESS");
        assertThat(client.refund("refund-1", "rq-1", "30.00", "size")).containsEntry("refund_total", "30.00");
        assertThat(client.refund("refund-1", "rq-1", "31.00", "size")).containsEntry("sub_code", "REQUEST_NO_CONFLICT");
        assertThat(client.refund("refund-1", "rq-2", "70.01", null))
                .containsEntry("sub_code", "REFUND_AMOUNT_EXCEEDED");
        assertThat(client.refund("refund-1", "rq-2", "70.00", null))
                .containsEntry("refund_total", "100.00")
                .containsEntry("trade_status", "TRADE_CLOSED");
        assertThat(client.queryRefund("refund-1", "rq-2"))
                .containsEntry("refund_amount", "70.00")
                .containsEntry("refund_status", "REFUND_SUCCESS");
        assertThat(client.queryRefund("refund-1", "rq-9")).containsEntry("sub_code", "REFUND_NOT_EXIST");
        assertThat(buyers.balance(buyer.id()).minorUnits()).isEqualTo(500_00);
    }

    @Test
    void a_body_that_is_not_a_flat_object_of_strings_is_invalid() throws Exception {
        HttpResponse<String> response = postRaw("/api/v1/trade/create", "{\"merchant_no\": 2088}");
        assertThat(answer(response)).containsEntry("code", "40002");
        assertThat(answer(postRaw("/api/v1/trade/create", "not json"))).containsEntry("code", "40002");
    }

    @Test
    void a_subject_of_256_emoji_and_a_body_of_1000_emoji_are_stored_and_the_subject_comes_back_from_query()
            throws Exception {
        Map<String, String> fields = createFields("emoji-1", "1.00", "INSTANT");
        fields.put("subject", EMOJI.repeat(256));
        fields.put("body", EMOJI.repeat(1000));

        Response created = client.callWithStatus("/api/v1/trade/create", fields);

        assertThat(created.httpStatus()).isEqualTo(200);
        assertThat(created.fields()).containsEntry("code", "10000");
        assertThat(client.queryTrade("emoji-1")).containsEntry("subject", EMOJI.repeat(256));
        Trade stored = trades.findForMerchant(merchant.merchant().id(), null, "emoji-1")
                .orElseThrow();
        assertThat(stored.body()).isEqualTo(EMOJI.repeat(1000));
        // 交易明细 reads trades through the view recon_trade
        assertThat(jdbc.sql("select subject from recon_trade where trade_no = ?")
                        .param(stored.tradeNo())
                        .query(String.class)
                        .single())
                .isEqualTo(EMOJI.repeat(256));
        // the payment's notification carries the subject
        assertThat(trades.pay(
                                stored.tradeNo(),
                                TestMerchants.buyer(buyers, 1_00).id(),
                                "CONFIRM")
                        .status())
                .isEqualTo(TradeStatus.TRADE_SUCCESS);
    }

    @Test
    void a_refund_reason_of_256_emoji_is_stored_with_the_refund() throws Exception {
        create("emoji-refund-1", "10.00");
        Trade trade = trades.findForMerchant(merchant.merchant().id(), null, "emoji-refund-1")
                .orElseThrow();
        trades.pay(trade.tradeNo(), TestMerchants.buyer(buyers, 10_00).id(), "CONFIRM");

        assertThat(client.refund("emoji-refund-1", "rq-emoji", "1.00", EMOJI.repeat(256)))
                .containsEntry("code", "10000");

        assertThat(trades.findRefund(trade.id(), "rq-emoji").orElseThrow().reason())
                .isEqualTo(EMOJI.repeat(256));
    }

    @Test
    void text_fields_one_code_point_over_their_limit_are_invalid_parameter_and_store_nothing() throws Exception {
        Map<String, String> longSubject = createFields("emoji-long-subject", "1.00", "INSTANT");
        longSubject.put("subject", EMOJI.repeat(257));
        Response subject = client.callWithStatus("/api/v1/trade/create", longSubject);
        assertThat(subject.httpStatus()).isEqualTo(400);
        assertThat(subject.fields())
                .containsEntry("code", "40002")
                .containsEntry("sub_code", "INVALID_PARAMETER")
                .containsEntry("sub_msg", "subject must have 1 to 256 characters");

        Map<String, String> longBody = createFields("emoji-long-body", "1.00", "INSTANT");
        longBody.put("body", EMOJI.repeat(1001));
        assertThat(client.call("/api/v1/trade/create", longBody))
                .containsEntry("sub_code", "INVALID_PARAMETER")
                .containsEntry("sub_msg", "body must have 0 to 1000 characters");
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "emoji-long-subject"))
                .isEmpty();
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "emoji-long-body"))
                .isEmpty();

        create("emoji-long-reason", "10.00");
        Trade trade = trades.findForMerchant(merchant.merchant().id(), null, "emoji-long-reason")
                .orElseThrow();
        trades.pay(trade.tradeNo(), TestMerchants.buyer(buyers, 10_00).id(), "CONFIRM");
        assertThat(client.refund("emoji-long-reason", "rq-long", "1.00", EMOJI.repeat(257)))
                .containsEntry("sub_code", "INVALID_PARAMETER")
                .containsEntry("sub_msg", "refund_reason must have 0 to 256 characters");
        assertThat(trades.findRefund(trade.id(), "rq-long")).isEmpty();
    }

    /** One of each class the contract refuses in texts: C0 controls (NUL, tab, LF, CR, US), DEL, bidi overrides. */
    static final String[] REFUSED_IN_TEXT = {
        "\u0000", "\t", "\n", "\r", "\u001F", "\u007F", "\u202A", "\u202D", "\u202E", "\u2066", "\u2069"
    };

    @Test
    void control_characters_and_bidi_overrides_in_subject_or_body_are_invalid_parameter_and_create_nothing()
            throws Exception {
        for (String field : new String[] {"subject", "body"}) {
            for (String refused : REFUSED_IN_TEXT) {
                String outTradeNo = "ctl-" + UUID.randomUUID().toString().substring(0, 8);
                Map<String, String> fields = createFields(outTradeNo, "1.00", "INSTANT");
                fields.put(field, "Latte" + refused + "Mocha");
                String what = field + " with U+%04X".formatted(refused.codePointAt(0));

                Response response = client.callWithStatus("/api/v1/trade/create", fields);

                assertThat(response.httpStatus()).as(what).isEqualTo(400);
                assertThat(response.fields())
                        .as(what)
                        .containsEntry("code", "40002")
                        .containsEntry("sub_code", "INVALID_PARAMETER");
                assertThat(response.fields().get("sub_msg")).as(what).startsWith(field + " must not contain");
                assertThat(trades.findForMerchant(merchant.merchant().id(), null, outTradeNo))
                        .as(what)
                        .isEmpty();
            }
        }
    }

    @Test
    void control_characters_and_bidi_overrides_in_a_refund_reason_are_invalid_parameter_and_refund_nothing()
            throws Exception {
        create("ctl-refund", "10.00");
        Trade trade = trades.findForMerchant(merchant.merchant().id(), null, "ctl-refund")
                .orElseThrow();
        trades.pay(trade.tradeNo(), TestMerchants.buyer(buyers, 10_00).id(), "CONFIRM");
        for (String refused : REFUSED_IN_TEXT) {
            String what = "refund_reason with U+%04X".formatted(refused.codePointAt(0));

            Map<String, String> answer = client.refund("ctl-refund", "rq-ctl", "1.00", "size" + refused);

            assertThat(answer).as(what).containsEntry("code", "40002").containsEntry("sub_code", "INVALID_PARAMETER");
            assertThat(answer.get("sub_msg")).as(what).startsWith("refund_reason must not contain");
        }
        assertThat(trades.findRefund(trade.id(), "rq-ctl")).isEmpty();
        assertThat(trades.find(trade.tradeNo()).orElseThrow().refundTotal()).isZero();
    }

    @Test
    void characters_next_to_the_refused_ones_are_accepted_in_texts() throws Exception {
        Map<String, String> fields = createFields("ctl-neighbours", "1.00", "INSTANT");
        String neighbours = "a b~c\u2029d\u202Fe\u206Af";
        fields.put("subject", neighbours);
        fields.put("body", neighbours);

        assertThat(client.call("/api/v1/trade/create", fields)).containsEntry("code", "10000");
        assertThat(client.queryTrade("ctl-neighbours")).containsEntry("subject", neighbours);
    }

    private Map<String, String> common(Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("merchant_no", merchant.merchantNo());
        all.put(
                "timestamp",
                OffsetDateTime.now(serverClock.withZone(ZoneOffset.ofHours(8)))
                        .withNano(0)
                        .toString());
        all.put("sign_type", "RSA2");
        return all;
    }

    private Map<String, String> signed(Map<String, String> fields) {
        Map<String, String> all = common(fields);
        all.put("sign", RsaSignatures.sign(all, merchant.keys().getPrivate()));
        return all;
    }

    private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        return postRaw(path, json.writeValueAsString(fields));
    }

    private HttpResponse<String> postRaw(String path, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> answer(HttpResponse<String> response) {
        return new HashMap<>(json.readValue(response.body(), Map.class));
    }
}
