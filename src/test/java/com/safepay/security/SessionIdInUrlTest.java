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
    void the_redirect_of_a_visitor_without_a_cookie_carries_no_session_id() throws Exception {
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
        }
    }
}
