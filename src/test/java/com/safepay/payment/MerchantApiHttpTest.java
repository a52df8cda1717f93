package com.safepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.shared.RsaSignatures;
import com.safepay.support.MutableClock;
import com.safepay.support.TestClockConfiguration;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The merchant API at the HTTP level, with a plain HTTP client and raw sockets: the body's size
 * limit and content type (merchant-api.md 1.1, "Limits"), and the JSON answers to unknown paths and
 * wrong methods.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class MerchantApiHttpTest {

    /** The server's clock: it stands still unless a test moves it, so requests are timed by it, not by the wall. */
    @Autowired
    MutableClock serverClock;

    static final int LIMIT = 65_536;

    @LocalServerPort
    int port;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    PlatformKeys platformKeys;

    @Autowired
    TradeService trades;

    @Autowired
    JsonMapper json;

    TestMerchant merchant;
    HttpClient http;

    @BeforeEach
    void merchantWithKey() {
        merchant = TestMerchants.merchant(merchants, merchantKeys);
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    void a_signed_body_of_10_mb_is_refused_with_413_request_too_large_and_creates_nothing() throws Exception {
        String body = signedCreate("huge-1", "x".repeat(10_000_000));

        HttpResponse<String> response = http.send(post("/api/v1/trade/create", body), ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(signedAnswer(response))
                .containsEntry("code", "40002")
                .containsEntry("sub_code", "REQUEST_TOO_LARGE");
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "huge-1"))
                .isEmpty();
    }

    @Test
    void a_body_of_exactly_64_kb_is_accepted_and_one_byte_more_is_refused() throws Exception {
        String atLimit = signedCreateOfSize("limit-at", LIMIT);
        String overLimit = signedCreateOfSize("limit-over", LIMIT + 1);

        HttpResponse<String> accepted = http.send(post("/api/v1/trade/create", atLimit), ofString());
        HttpResponse<String> refused = http.send(post("/api/v1/trade/create", overLimit), ofString());

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(signedAnswer(accepted)).containsEntry("code", "10000");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(signedAnswer(refused)).containsEntry("sub_code", "REQUEST_TOO_LARGE");
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "limit-over"))
                .isEmpty();
    }

    @Test
    void a_content_length_over_the_limit_is_refused_before_any_of_the_body_is_sent() throws Exception {
        RawResponse response = headOnly("POST", "application/json; charset=UTF-8", 10_000_000);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers()).containsEntry("content-type", "application/json;charset=UTF-8");
        assertThat(signed(response.body())).containsEntry("sub_code", "REQUEST_TOO_LARGE");
    }

    /** Sends only a request's head, announcing a body of {@code contentLength} bytes, and reads the answer. */
    private RawResponse headOnly(String method, String contentType, long contentLength) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " /api/v1/trade/create HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                            + "\r\nContent-Length: " + contentLength + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawResponse.read(socket.getInputStream());
        }
    }

    @Test
    void a_chunked_body_is_read_no_further_than_one_byte_past_the_limit() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/trade/create HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // one chunk just past the limit, and then neither more chunks nor the last one: a server that
            // wanted the whole body would wait for the rest
            out.write((Integer.toHexString(LIMIT + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(("{\"padding\":\"" + "x".repeat(LIMIT) + "\"}")
                    .substring(0, LIMIT + 1)
                    .getBytes(StandardCharsets.US_ASCII));
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            RawResponse response = RawResponse.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(signed(response.body())).containsEntry("sub_code", "REQUEST_TOO_LARGE");
        }
    }

    @Test
    void a_body_that_is_not_declared_application_json_is_invalid_parameter_and_creates_nothing() throws Exception {
        for (String contentType : new String[] {"text/plain", "text/plain; charset=UTF-8", "application/xml", null}) {
            String outTradeNo = "type-" + UUID.randomUUID().toString().substring(0, 8);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/trade/create"))
                    .POST(HttpRequest.BodyPublishers.ofString(signedCreate(outTradeNo, null)));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }

            HttpResponse<String> response = http.send(request.build(), ofString());

            assertThat(response.statusCode()).as(contentType).isEqualTo(400);
            assertThat(signedAnswer(response))
                    .as(contentType)
                    .containsEntry("code", "40002")
                    .containsEntry("sub_code", "INVALID_PARAMETER")
                    .containsEntry("sub_msg", "Content-Type must be application/json");
            assertThat(trades.findForMerchant(merchant.merchant().id(), null, outTradeNo))
                    .as(contentType)
                    .isEmpty();
        }
    }

    @Test
    void application_json_is_accepted_with_or_without_its_charset() throws Exception {
        for (String contentType : new String[] {"application/json", "application/json;charset=utf-8"}) {
            String outTradeNo = "json-" + UUID.randomUUID().toString().substring(0, 8);
            HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/trade/create"))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(signedCreate(outTradeNo, null)))
                    .build();

            HttpResponse<String> response = http.send(request, ofString());

            assertThat(response.statusCode()).as(contentType).isEqualTo(200);
            assertThat(signedAnswer(response)).as(contentType).containsEntry("code", "10000");
        }
    }

    @Test
    void an_unknown_api_path_is_a_signed_json_404_unknown_endpoint() throws Exception {
        String[][] requests = {
            {"POST", "/api/v1/no/such"},
            {"GET", "/api/v1/no/such"},
            {"POST", "/api/v1/bill/downloadurl/query"},
            {"POST", "/api/v2/trade/create"},
            {"POST", "/api/v1/trade/create/"},
            {"GET", "/api"}
        };
        for (String[] request : requests) {
            String what = request[0] + " " + request[1];

            HttpResponse<String> response = http.send(request(request[0], request[1]), ofString());

            assertThat(response.statusCode()).as(what).isEqualTo(404);
            assertThat(signedAnswer(response))
                    .as(what)
                    .containsEntry("code", "40004")
                    .containsEntry("msg", "Business Failed")
                    .containsEntry("sub_code", "UNKNOWN_ENDPOINT")
                    .containsKey("sub_msg");
        }
    }

    @Test
    void another_method_than_post_on_an_endpoint_is_a_signed_json_405_that_allows_post() throws Exception {
        String[][] requests = {
            {"GET", "/api/v1/trade/query"},
            {"PUT", "/api/v1/trade/create"},
            {"DELETE", "/api/v1/trade/refund"},
            {"PATCH", "/api/v1/trade/refund/query"}
        };
        for (String[] request : requests) {
            String what = request[0] + " " + request[1];

            HttpResponse<String> response = http.send(request(request[0], request[1]), ofString());

            assertThat(response.statusCode()).as(what).isEqualTo(405);
            assertThat(response.headers().allValues("Allow")).as(what).containsExactly("POST");
            assertThat(signedAnswer(response))
                    .as(what)
                    .containsEntry("code", "40002")
                    .containsEntry("msg", "Invalid Arguments")
                    .containsEntry("sub_code", "METHOD_NOT_ALLOWED");
        }
    }

    @Test
    void a_form_body_sent_with_another_method_is_not_read_before_the_answer() throws Exception {
        RawResponse response = headOnly("PUT", "application/x-www-form-urlencoded", 10_000_000);

        assertThat(response.status()).isEqualTo(405);
        assertThat(signed(response.body())).containsEntry("sub_code", "METHOD_NOT_ALLOWED");
    }

    @Test
    void an_endpoint_answers_json_whatever_the_client_says_it_accepts() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/trade/create"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(signedCreate("accept-html", null)))
                .build();

        HttpResponse<String> response = http.send(request, ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(signedAnswer(response)).containsEntry("code", "10000");
    }

    /** A request with a small JSON body (ignored by the answers under test) for methods that carry one. */
    private HttpRequest request(String method, String path) {
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}");
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, body)
                .build();
    }

    /** A signed trade/create, with an extra (signed, unused) field {@code padding} unless it is null. */
    private String signedCreate(String outTradeNo, String padding) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", outTradeNo);
        fields.put("subject", "测试商品 Test item");
        fields.put("total_amount", "1.00");
        fields.put("trade_type", "INSTANT");
        fields.put("notify_url", "http://localhost:" + port + "/notify");
        if (padding != null) {
            fields.put("padding", padding);
        }
        fields.put("merchant_no", merchant.merchantNo());
        fields.put(
                "timestamp",
                OffsetDateTime.now(serverClock.withZone(ZoneOffset.ofHours(8)))
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        fields.put("sign_type", "RSA2");
        fields.put("sign", RsaSignatures.sign(fields, merchant.keys().getPrivate()));
        return json.writeValueAsString(fields);
    }

    /** A signed trade/create whose UTF-8 body is exactly {@code bytes} long. */
    private String signedCreateOfSize(String outTradeNo, int bytes) {
        int padding = 1;
        for (int attempt = 0; attempt < 5; attempt++) {
            String body = signedCreate(outTradeNo, "x".repeat(padding));
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (size == bytes) {
                return body;
            }
            padding += bytes - size;
        }
        throw new IllegalStateException("could not make a body of " + bytes + " bytes");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    /** The answer's fields, after checking that it is JSON signed by SafePay. */
    private Map<String, String> signedAnswer(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return signed(response.body());
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> signed(String body) {
        Map<String, String> fields = new HashMap<>(json.readValue(body, Map.class));
        assertThat(RsaSignatures.verify(fields, platformKeys.publicKey()))
                .as("signed by SafePay: " + body)
                .isTrue();
        return fields;
    }

    /** An HTTP/1.1 response read off a socket: status, headers (names in lower case) and a sized body. */
    record RawResponse(int status, Map<String, String> headers, String body) {

        static RawResponse read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the head: " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            return new RawResponse(
                    Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }
    }
}
