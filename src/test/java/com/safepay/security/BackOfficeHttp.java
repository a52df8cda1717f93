package com.safepay.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A bare HTTP client for the back office: keeps its session cookie like a browser, never follows
 * redirects (tests look at each hop) and sends only the headers a test gives it.
 */
final class BackOfficeHttp implements AutoCloseable {

    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private String session;

    BackOfficeHttp(int port) {
        this.baseUrl = "http://localhost:" + port + "/";
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** Posts a form, with extra headers as name/value pairs. */
    HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Opens the sign-in page and returns the CSRF token Vaadin wrote into it for the login form. */
    String openLoginPageForToken() {
        HttpResponse<String> page = get("login");
        Matcher token = CSRF_META.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("The sign-in page carries no CSRF token:\n" + page.body());
        }
        return token.group(1);
    }

    static Map<String, String> credentials(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        return form;
    }

    static Optional<String> location(HttpResponse<?> response) {
        return response.headers().firstValue("Location");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").stream()
                    .map(SESSION::matcher)
                    .filter(Matcher::find)
                    .forEach(cookie -> session = cookie.group(1));
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
