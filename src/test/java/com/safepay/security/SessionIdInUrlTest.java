package com.safepay.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A session id travels in its cookie only: in an address it leaks through logs, history and Referer. */
@SignInIntegration
class SessionIdInUrlTest {

    @LocalServerPort
    int port;

    @Test
    void the_redirects_of_a_visitor_without_a_cookie_carry_no_session_id() throws Exception {
        try (HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/account"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .endsWith("/login")
                    .doesNotContainIgnoringCase("jsessionid");

            // a sign-in post without a session (and so without its CSRF token) is sent back to the page
            HttpResponse<String> refused = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("username=nobody&password=nothing"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location").orElseThrow())
                    .contains("/login")
                    .doesNotContainIgnoringCase("jsessionid");
        }
    }
}
