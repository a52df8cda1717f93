package com.safepay.support;

import com.safepay.shared.RsaSignatures;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant server for tests, on 127.0.0.1: records every notification and checks its signature.
 * Paths: {@code /ok}, {@code /fail/N} (HTTP 500 N times, then success), {@code /slow} (answers after
 * 3 s), {@code /wrong-body} ("SUCCESS"), {@code /redirect} (302 to /ok), {@code /down} (always 503),
 * {@code /toggle} (fails until {@link #succeedOnToggle} is set), {@code /long-error…} (HTTP 500 with
 * {@link #LONG_ERROR}).
 */
public final class TestReceiver implements AutoCloseable {

    public record Received(String path, Map<String, String> fields, boolean signatureValid) {}

    private final HttpServer server;
    private final PublicKey safePayKey;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final Map<String, AtomicInteger> perNotifyId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    public volatile boolean succeedOnToggle;

    /** The answer of {@code /long-error…}: longer than any grid column shows. */
    public static final String LONG_ERROR = "ERROR order-service: could not mark order ORDER-2026-000000017 as paid"
            + " because the inventory reservation expired; retry later. trace=4bf92f3577b34da6a3ce929d0e0e4736"
            + " span=00f067aa0ba902b7 upstream=http://inventory.internal:8080/api/v1/reservations/"
            + "ORDER-2026-000000017/confirm status=409 Conflict";

    public TestReceiver(PublicKey safePayKey) {
        this.safePayKey = safePayKey;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = parse(body);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, fields, RsaSignatures.verify(fields, safePayKey)));
            perNotifyId
                    .computeIfAbsent(fields.getOrDefault("notify_id", ""), k -> new AtomicInteger())
                    .incrementAndGet();
            int seen = perPath.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            int status = 200;
            String answer = " success \n";
            if (path.startsWith("/fail/")) {
                if (seen <= Integer.parseInt(path.substring(6))) {
                    status = 500;
                    answer = "internal error";
                }
            } else if (path.equals("/slow")) {
                sleep(3000);
            } else if (path.equals("/wrong-body")) {
                answer = "SUCCESS";
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "/ok");
                status = 302;
                answer = "";
            } else if (path.startsWith("/long-error")) {
                status = 500;
                answer = LONG_ERROR;
            } else if (path.equals("/down")) {
                status = 503;
                answer = "down";
            } else if (path.equals("/toggle") && !succeedOnToggle) {
                answer = "fail";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The fields of a form-encoded body. */
    public static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
