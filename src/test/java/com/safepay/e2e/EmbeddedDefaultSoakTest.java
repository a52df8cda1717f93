package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.safepay.example.ExampleMerchantClient;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeStatus;
import com.safepay.security.UserService;
import com.safepay.shared.Role;
import com.safepay.support.SystemUser;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default as a user runs it, for longer than the pool keeps a connection: an H2 file
 * database, with every pooled connection retired after 30 s (Hikari's shortest lifetime) instead of 30
 * minutes, so the connection that ran the migrations is gone within the first minute. For at least
 * three minutes (system property {@code safepay.soak.duration}) a merchant signs in to the back office,
 * creates trades over the signed API and a buyer pays them in the cashier; nothing may fail and
 * nothing may be logged as an error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EmbeddedDefaultSoakTest {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(EmbeddedDefaultSoakTest.class);
    private static final String PASSWORD = "soak-password-1";

    @DynamicPropertySource
    static void fileDatabaseWithShortConnectionLifetime(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:./target/soak/" + System.nanoTime()
                        + "/safepay;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("spring.datasource.hikari.max-lifetime", () -> "30000");
    }

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
    UserService users;

    @Autowired
    TradeService trades;

    private final ListAppender<ILoggingEvent> errors = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                super.append(event);
            }
        }
    };

    private Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @BeforeEach
    void watchTheLog() {
        errors.start();
        root().addAppender(errors);
    }

    @AfterEach
    void stopWatching() {
        root().detachAppender(errors);
    }

    private String url(String path) {
        return "http://localhost:" + port + "/" + path;
    }

    @Test
    void signing_in_creating_and_paying_keep_working_while_the_pool_retires_every_connection() throws Exception {
        Duration duration = Duration.parse(System.getProperty("safepay.soak.duration", "PT3M10S"));
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        String username = "soak" + System.nanoTime() % 100_000;
        SystemUser.asAdmin(() -> users.createUser(
                username, PASSWORD, Role.MERCHANT, merchant.merchant().id()));
        Buyer buyer = TestMerchants.buyer(buyers, 1_000_000);

        List<String> failures = new ArrayList<>();
        int signIns = 0;
        int paid = 0;
        Instant end = Instant.now().plus(duration);
        try (Playwright playwright = Chromium.playwright();
                Browser browser = Chromium.launch(playwright);
                ExampleMerchantClient api = merchant.client(port, platformKeys.publicKey(), Clock.systemUTC())) {
            Instant nextSignIn = Instant.EPOCH;
            BrowserContext cashier = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"));
            cashier.setDefaultTimeout(15_000);
            Page cashierPage = cashier.newPage();
            boolean buyerSignedIn = false;
            for (int n = 1; Instant.now().isBefore(end); n++) {
                if (!Instant.now().isBefore(nextSignIn)) {
                    try (BrowserContext office = browser.newContext()) {
                        office.setDefaultTimeout(15_000);
                        Page page = office.newPage();
                        new LoginPage(page, url("login")).open().signIn(username, PASSWORD);
                        signIns++;
                    } catch (RuntimeException e) {
                        failures.add("sign-in " + (signIns + 1) + " at " + Instant.now() + ": " + e.getMessage());
                    }
                    nextSignIn = Instant.now().plusSeconds(20);
                }
                Map<String, String> created =
                        api.createTrade("soak-" + n, "Soak latte " + n, "0.50", "INSTANT", url("notify"), null);
                if (!"10000".equals(created.get("code"))) {
                    failures.add("create " + n + " at " + Instant.now() + ": " + created);
                    continue;
                }
                try {
                    CashierPage page = new CashierPage(cashierPage)
                            .open(url(URI.create(created.get("cashier_url"))
                                    .getPath()
                                    .substring(1)));
                    if (!buyerSignedIn) {
                        page.signIn(buyer.loginName(), "buyer-password-1");
                        buyerSignedIn = true;
                    }
                    page.pay(null);
                    page.waitForMessage("付款成功");
                } catch (RuntimeException e) {
                    failures.add("pay " + n + " at " + Instant.now() + ": " + e.getMessage());
                }
                if (trades.find(created.get("trade_no")).orElseThrow().status() == TradeStatus.TRADE_SUCCESS) {
                    paid++;
                } else {
                    failures.add("trade " + n + " is not paid");
                }
            }
            cashier.close();
        }

        assertThat(failures).isEmpty();
        assertThat(errors.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        // a sign-in about every 20 s and a payment every second or two: every connection's lifetime is crossed
        log.info("Soak: {} sign-ins, {} trades created and paid in {}", signIns, paid, duration);
        assertThat(signIns).isGreaterThanOrEqualTo((int) (duration.toSeconds() / 30));
        assertThat(paid).isGreaterThan((int) (duration.toSeconds() / 10));
    }
}
