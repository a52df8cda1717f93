package com.safepay.payment.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.example.ExampleMerchantClient;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.support.MutableClock;
import com.safepay.support.TestClockConfiguration;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The cashier's return hop to the merchant over real HTTP: its token, and where the signed result goes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class CashierReturnTest {

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

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private ExampleMerchantClient api;

    @BeforeEach
    void merchantAndClient() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        api = merchant.client(port, platformKeys.publicKey(), serverClock);
    }

    @AfterEach
    void close() {
        api.close();
        http.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The return link of the cashier that {@code cashier_url} opens. */
    private static String returnPath(Map<String, String> created) {
        return URI.create(created.get("cashier_url")).getPath().replaceFirst("^/cashier/", "/cashier/return/");
    }

    @Test
    void the_return_without_the_trades_token_answers_not_found_and_reveals_nothing() throws Exception {
        Map<String, String> created = api.createTrade(
                "no-token", "Latte", "9.00", "INSTANT", "http://localhost/notify", "https://shop.example/r");
        String tradeNo = created.get("trade_no");

        HttpResponse<String> bare = get("/cashier/return/" + tradeNo + "?cancel=true");
        HttpResponse<String> wrong = get("/cashier/return/" + tradeNo + "/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertThat(bare.statusCode()).isEqualTo(404);
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(bare.headers().firstValue("Location")).isEmpty();
        assertThat(get(returnPath(created)).statusCode()).isEqualTo(302);
    }

    @Test
    void the_signed_result_goes_before_the_fragment_of_the_return_url() throws Exception {
        Map<String, String> created = api.createTrade(
                "fragment-1",
                "Latte",
                "9.00",
                "INSTANT",
                "http://localhost/notify",
                "https://shop.example/return?order=7#/paid");

        HttpResponse<String> response = get(returnPath(created) + "?cancel=true");

        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.getRawFragment()).isEqualTo("/paid");
        assertThat(location.getRawQuery())
                .startsWith("order=7&out_trade_no=fragment-1&")
                .contains("result_code=6001");
        assertThat(ExampleMerchantClient.verifyReturnUrl(location, platformKeys.publicKey()))
                .isTrue();
    }

    @Test
    void query_parameters_join_a_return_url_with_or_without_a_query_or_fragment() {
        assertThat(CashierReturnController.withQuery("https://s.example/r", "a=1"))
                .isEqualTo("https://s.example/r?a=1");
        assertThat(CashierReturnController.withQuery("https://s.example/r?x=2", "a=1"))
                .isEqualTo("https://s.example/r?x=2&a=1");
        assertThat(CashierReturnController.withQuery("https://s.example/r?", "a=1"))
                .isEqualTo("https://s.example/r?a=1");
        assertThat(CashierReturnController.withQuery("https://s.example/r#top", "a=1"))
                .isEqualTo("https://s.example/r?a=1#top");
        assertThat(CashierReturnController.withQuery("https://s.example/r?x=2#a?b", "a=1"))
                .isEqualTo("https://s.example/r?x=2&a=1#a?b");
    }
}
