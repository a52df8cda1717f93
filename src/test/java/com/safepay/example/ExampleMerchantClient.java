package com.safepay.example;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An example merchant-side client for the SafePay merchant API v1 ({@code docs/merchant-integration.md}), using
 * nothing but the JDK: {@link HttpClient}, {@code java.security} and a tiny flat-JSON encoder/parser.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * PrivateKey merchantKey = ExampleMerchantClient.readPrivateKeyPem(Files.readString(Path.of("merchant_private.pem")));
 * PublicKey safePayKey = ExampleMerchantClient.readPublicKeyPem(Files.readString(Path.of("safepay_public.pem")));
 * ExampleMerchantClient client = new ExampleMerchantClient(
 *         URI.create("http://localhost:8080"), "2088100000000001", merchantKey, safePayKey, Clock.systemUTC());
 *
 * Map<String, String> created = client.createTrade(
 *         "ORDER-42", "Latte", "0.01", "INSTANT", "https://shop.example/safepay/notify", "https://shop.example/return");
 * if ("10000".equals(created.get("code"))) {
 *     // send the buyer's browser to created.get("cashier_url")
 * }
 * Map<String, String> queried = client.queryTrade("ORDER-42"); // trade_status tells whether it is paid
 * }</pre>
 *
 * <p>Every response is checked against SafePay's public key before it is returned, errors included; a response
 * that does not verify throws {@link IllegalStateException}. Network failures surface as {@link IOException}: repeat
 * the call with the same {@code out_trade_no} / {@code out_request_no}, which SafePay treats idempotently.
 *
 * <p>Run {@link #main(String[])} to create a ¥0.01 trade and query it.
 */
public final class ExampleMerchantClient implements AutoCloseable {

    /** The only signature type SafePay accepts: SHA256withRSA. */
    public static final String SIGN_TYPE = "RSA2";

    /** Code of a successful call; every other code comes with {@code sub_code} and {@code sub_msg}. */
    public static final String SUCCESS = "10000";

    // Fields of the synchronous return that SafePay signs; anything else in the return URL is the merchant's own.
    private static final List<String> RETURN_FIELDS =
            List.of("out_trade_no", "trade_no", "total_amount", "result_code", "timestamp");

    // Fields call() adds itself; a caller passing them would only produce confusing signatures.
    private static final Set<String> COMMON_FIELDS = Set.of("merchant_no", "timestamp", "sign_type", "sign");

    // "Byte order of the UTF-8 key": String.compareTo compares UTF-16 units, which differs for some code points.
    private static final Comparator<String> UTF8_BYTE_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final URI baseUrl;
    private final String merchantNo;
    private final PrivateKey merchantPrivateKey;
    private final PublicKey safePayPublicKey;
    private final Clock clock;
    private final HttpClient http;

    /** A SafePay answer: the HTTP status (200, 400, 403, 404, 405, 409, 413 or 503) and the verified fields. */
    public record Response(int httpStatus, Map<String, String> fields) {

        public Response {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public String code() {
            return fields.get("code");
        }

        public boolean isSuccess() {
            return SUCCESS.equals(code());
        }
    }

    /**
     * @param baseUrl SafePay's address without the API path, e.g. {@code https://pay.example} (the {@code path} of
     *     each call, e.g. {@code /api/v1/trade/create}, is appended)
     * @param merchantNo the merchant number (商户编号)
     * @param merchantPrivateKey the merchant's RSA 2048 private key; its public key is registered in the back office
     * @param safePayPublicKey SafePay's public key, downloaded from the back office (API 密钥)
     * @param clock source of request timestamps, which SafePay accepts only within 5 minutes of its own clock
     */
    public ExampleMerchantClient(
            URI baseUrl, String merchantNo, PrivateKey merchantPrivateKey, PublicKey safePayPublicKey, Clock clock) {
        this.baseUrl = baseUrl;
        this.merchantNo = merchantNo;
        this.merchantPrivateKey = merchantPrivateKey;
        this.safePayPublicKey = safePayPublicKey;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER) // an API answer is never a redirect
                .build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Convenience methods, one per endpoint. They identify trades by the merchant's out_trade_no; the API also
    // accepts SafePay's trade_no (use call() for that).

    /**
     * Creates a trade; repeating it with the same fields returns the same trade (idempotent on {@code out_trade_no}).
     *
     * @param totalAmount yuan as a decimal string, e.g. {@code "0.01"}
     * @param tradeType {@code INSTANT} or {@code ESCROW}
     * @param returnUrl where the buyer's browser goes after the cashier, or {@code null} for none
     */
    public Map<String, String> createTrade(
            String outTradeNo, String subject, String totalAmount, String tradeType, String notifyUrl, String returnUrl)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", outTradeNo);
        fields.put("subject", subject);
        fields.put("total_amount", totalAmount);
        fields.put("trade_type", tradeType);
        fields.put("notify_url", notifyUrl);
        fields.put("return_url", returnUrl);
        return call("/api/v1/trade/create", fields);
    }

    public Map<String, String> queryTrade(String outTradeNo) throws IOException, InterruptedException {
        return call("/api/v1/trade/query", Map.of("out_trade_no", outTradeNo));
    }

    /** Closes a trade the buyer has not paid yet ({@code WAIT_BUYER_PAY} only). */
    public Map<String, String> closeTrade(String outTradeNo) throws IOException, InterruptedException {
        return call("/api/v1/trade/close", Map.of("out_trade_no", outTradeNo));
    }

    /** Marks a paid escrow trade ({@code WAIT_SELLER_SEND}) as shipped; it moves to {@code WAIT_BUYER_CONFIRM}. */
    public Map<String, String> sendGoods(String outTradeNo) throws IOException, InterruptedException {
        return call("/api/v1/trade/send_goods", Map.of("out_trade_no", outTradeNo));
    }

    /**
     * Refunds part or all of a paid trade. Repeat a refund whose outcome you did not see with the same
     * {@code outRequestNo} and amount: SafePay returns the first result and moves no money twice.
     *
     * @param reason shown to the buyer, or {@code null}
     */
    public Map<String, String> refund(String outTradeNo, String outRequestNo, String refundAmount, String reason)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_trade_no", outTradeNo);
        fields.put("out_request_no", outRequestNo);
        fields.put("refund_amount", refundAmount);
        fields.put("refund_reason", reason);
        return call("/api/v1/trade/refund", fields);
    }

    public Map<String, String> queryRefund(String outTradeNo, String outRequestNo)
            throws IOException, InterruptedException {
        return call("/api/v1/trade/refund/query", Map.of("out_trade_no", outTradeNo, "out_request_no", outRequestNo));
    }

    // ---------------------------------------------------------------------------------------------------------
    // The generic call.

    /** Like {@link #callWithStatus}, returning only the fields; look at {@code code} to tell success from error. */
    public Map<String, String> call(String path, Map<String, String> businessFields)
            throws IOException, InterruptedException {
        return callWithStatus(path, businessFields).fields();
    }

    /**
     * Signs {@code businessFields} plus the common fields, POSTs them as JSON to {@code baseUrl + path} and returns
     * the verified answer. Fields whose value is {@code null} or empty are left out (they would not be signed).
     *
     * @throws IllegalStateException when the answer is not a flat JSON object or its signature does not verify with
     *     SafePay's public key (do not act on such an answer; query the trade instead)
     * @throws IOException when SafePay could not be reached or the connection broke: the outcome is unknown, repeat
     *     the same request
     */
    public Response callWithStatus(String path, Map<String, String> businessFields)
            throws IOException, InterruptedException {
        Map<String, String> request = new LinkedHashMap<>();
        businessFields.forEach((key, value) -> {
            if (COMMON_FIELDS.contains(key)) {
                throw new IllegalArgumentException(key + " is added by the client, do not pass it");
            }
            if (value != null && !value.isEmpty()) {
                request.put(key, value);
            }
        });
        request.put("merchant_no", merchantNo);
        request.put("timestamp", timestamp());
        request.put("sign_type", SIGN_TYPE);
        request.put("sign", sign(request, merchantPrivateKey));

        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(stripTrailingSlash(baseUrl.toString()) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(request), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> httpResponse =
                http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        Map<String, String> fields;
        try {
            fields = parseJson(httpResponse.body());
        } catch (IllegalArgumentException e) {
            // e.g. an HTML error page from a proxy in front of SafePay: not a SafePay answer at all
            throw new IllegalStateException(
                    "HTTP " + httpResponse.statusCode() + " from " + path + " is not a SafePay answer: "
                            + abbreviate(httpResponse.body()),
                    e);
        }
        // SafePay signs every answer, errors included; an unsigned or tampered one must not be acted upon.
        if (!verify(fields, safePayPublicKey)) {
            throw new IllegalStateException("HTTP " + httpResponse.statusCode() + " from " + path
                    + ": the signature does not verify with SafePay's public key");
        }
        return new Response(httpResponse.statusCode(), fields);
    }

    /** The request timestamp: now, to the second, with the +08:00 offset, e.g. {@code 2026-11-25T14:03:00+08:00}. */
    String timestamp() {
        return OffsetDateTime.now(clock.withZone(CHINA))
                .truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Override
    public void close() {
        http.close();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Signatures and keys.

    /**
     * The string that is signed: every field except {@code sign} and {@code sign_type} whose value is non-empty,
     * sorted by the bytes of the UTF-8 key, joined as {@code key=value} with {@code &}, values raw (not URL-encoded).
     */
    public static String canonicalContent(Map<String, String> fields) {
        Map<String, String> sorted = new TreeMap<>(UTF8_BYTE_ORDER);
        fields.forEach((key, value) -> {
            if (!key.equals("sign") && !key.equals("sign_type") && value != null && !value.isEmpty()) {
                sorted.put(key, value);
            }
        });
        StringBuilder content = new StringBuilder();
        sorted.forEach((key, value) -> {
            if (!content.isEmpty()) {
                content.append('&');
            }
            content.append(key).append('=').append(value);
        });
        return content.toString();
    }

    /** SHA256withRSA over the UTF-8 bytes of {@link #canonicalContent}, Base64 with the standard alphabet. */
    public static String sign(Map<String, String> fields, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(canonicalContent(fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an RSA private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the {@code sign} field is a valid signature of the other fields; {@code false} when it is missing. */
    public static boolean verify(Map<String, String> fields, PublicKey key) {
        String sign = fields.get("sign");
        if (sign == null || sign.isEmpty()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(canonicalContent(fields).getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(sign));
        } catch (IllegalArgumentException | SignatureException e) {
            return false; // not Base64, or not even shaped like an RSA signature
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}), as written by {@code openssl genpkey}. */
    public static PrivateKey readPrivateKeyPem(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            // PKCS#1, written by older openssl versions; the JDK reads only PKCS#8
            throw new IllegalArgumentException(
                    "PKCS#1 key: convert it with openssl pkcs8 -topk8 -nocrypt -in old.pem -out merchant_private.pem");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM", e);
        }
    }

    /** Reads an X.509 SubjectPublicKeyInfo public key ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey readPublicKeyPem(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key in X.509 PEM", e);
        }
    }

    private static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + begin + " ... " + end + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Synchronous return.

    /**
     * Verifies the URL the buyer's browser arrives at after the cashier. SafePay appends {@code out_trade_no,
     * trade_no, total_amount, result_code, timestamp, sign_type, sign} to the merchant's {@code return_url} and signs
     * exactly those fields, so any other query parameter (the merchant's own, e.g. {@code ?order=42}) is ignored.
     * Should a merchant parameter share a name with a SafePay field, SafePay's appended (last) value counts.
     *
     * <p>A valid return only says the buyer went through the cashier: the browser may replay an old one. Fulfil on
     * the asynchronous notification or a {@code trade/query}, never on the return alone.
     */
    public static boolean verifyReturnUrl(URI returnedUrl, PublicKey safePayPublicKey) {
        String query = returnedUrl.getRawQuery();
        if (query == null) {
            return false;
        }
        Map<String, String> parameters = new HashMap<>();
        try {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.put(name, value); // later wins: SafePay's fields come after the merchant's own
            }
        } catch (IllegalArgumentException e) {
            return false; // a malformed %-escape
        }
        if (!SIGN_TYPE.equals(parameters.get("sign_type"))) {
            return false;
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String field : RETURN_FIELDS) {
            String value = parameters.get(field);
            if (value == null || value.isEmpty()) {
                return false; // SafePay always sends all of them
            }
            signed.put(field, value);
        }
        signed.put("sign", parameters.get("sign"));
        return verify(signed, safePayPublicKey);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Flat JSON: an object whose values are all strings, which is all the merchant API ever sends or accepts.

    static String toJson(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            appendJsonString(json, key);
            json.append(':');
            appendJsonString(json, value);
        });
        return json.append('}').toString();
    }

    private static void appendJsonString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c); // non-ASCII stays as is; the body is sent as UTF-8
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * Parses a flat JSON object of strings into a map in document order.
     *
     * @throws IllegalArgumentException for anything else: nested values, numbers, duplicate keys, trailing text
     */
    static Map<String, String> parseJson(String json) {
        return new FlatJsonParser(json).parseObject();
    }

    private static final class FlatJsonParser {

        private final String json;
        private int position;

        FlatJsonParser(String json) {
            this.json = json;
        }

        Map<String, String> parseObject() {
            Map<String, String> fields = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                position++;
            } else {
                while (true) {
                    String key = parseString();
                    expect(':');
                    String value = parseString();
                    if (fields.put(key, value) != null) {
                        // two values for one key could let signed and used values differ
                        throw new IllegalArgumentException("duplicate key " + key);
                    }
                    char next = next();
                    if (next == '}') {
                        break;
                    }
                    if (next != ',') {
                        throw error("expected , or }");
                    }
                }
            }
            skipWhitespace();
            if (position != json.length()) {
                throw error("text after the object");
            }
            return fields;
        }

        private String parseString() {
            expect('"');
            StringBuilder text = new StringBuilder();
            while (true) {
                if (position >= json.length()) {
                    throw error("unterminated string");
                }
                char c = json.charAt(position++);
                if (c == '"') {
                    return text.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                if (position >= json.length()) {
                    throw error("unterminated escape");
                }
                char escaped = json.charAt(position++);
                switch (escaped) {
                    case '"', '\\', '/' -> text.append(escaped);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        if (position + 4 > json.length()) {
                            throw error("short \\u escape");
                        }
                        int code = 0;
                        for (int end = position + 4; position < end; position++) {
                            int digit = Character.digit(json.charAt(position), 16);
                            if (digit < 0) {
                                throw error("bad \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        text.append((char) code);
                    }
                    default -> throw error("bad escape \\" + escaped);
                }
            }
        }

        private void expect(char expected) {
            if (next() != expected) {
                throw error("expected " + expected + " (values must be strings)");
            }
        }

        private char next() {
            char c = peek();
            position++;
            return c;
        }

        private char peek() {
            skipWhitespace();
            if (position >= json.length()) {
                throw error("unexpected end");
            }
            return json.charAt(position);
        }

        private void skipWhitespace() {
            while (position < json.length() && " \t\r\n".indexOf(json.charAt(position)) >= 0) {
                position++;
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("not a flat JSON object of strings: " + problem + " at " + position);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Creates a ¥0.01 instant trade and queries it.
     *
     * <pre>
     * java -cp target/test-classes com.safepay.example.ExampleMerchantClient \
     *     BASE_URL MERCHANT_NO MERCHANT_PRIVATE_KEY_PEM SAFEPAY_PUBLIC_KEY_PEM [NOTIFY_URL [RETURN_URL]]
     * </pre>
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 6) {
            System.err.println("usage: ExampleMerchantClient BASE_URL MERCHANT_NO MERCHANT_PRIVATE_KEY_PEM"
                    + " SAFEPAY_PUBLIC_KEY_PEM [NOTIFY_URL [RETURN_URL]]");
            System.exit(2);
        }
        PrivateKey merchantKey = readPrivateKeyPem(Files.readString(Path.of(args[2])));
        PublicKey safePayKey = readPublicKeyPem(Files.readString(Path.of(args[3])));
        // SafePay must be able to POST notifications here; the default only suits a local demo, where notifications
        // to it fail and are retried (each attempt shows in the notification log).
        String notifyUrl = args.length > 4 ? args[4] : "http://localhost/safepay/notify";
        String returnUrl = args.length > 5 ? args[5] : null;
        // out_trade_no must be unique per merchant and is what makes a retried create safe, so generate it once
        String outTradeNo = "EXAMPLE-" + UUID.randomUUID().toString().replace("-", "");

        try (ExampleMerchantClient client =
                new ExampleMerchantClient(URI.create(args[0]), args[1], merchantKey, safePayKey, Clock.systemUTC())) {
            Map<String, String> created =
                    client.createTrade(outTradeNo, "SafePay example order", "0.01", "INSTANT", notifyUrl, returnUrl);
            System.out.println("trade/create: " + created);
            if (SUCCESS.equals(created.get("code"))) {
                System.out.println("Open in the buyer's browser to pay: " + created.get("cashier_url"));
            }
            System.out.println("trade/query:  " + client.queryTrade(outTradeNo));
        }
    }
}
