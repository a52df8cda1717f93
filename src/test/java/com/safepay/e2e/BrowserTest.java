package com.safepay.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.safepay.support.TestClockConfiguration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Runs SafePay on a random port with the demo data (the test profile last, so its settings win) and drives it with headless Chromium. Uses the
 * browser at {@code PLAYWRIGHT_CHROMIUM_EXECUTABLE} (or /usr/bin/chromium) when there is one, and
 * never downloads browsers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import(TestClockConfiguration.class)
abstract class BrowserTest {

    static final String DEMO_PASSWORD = "SafePay#2026";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    BrowserContext context;
    Page page;

    @BeforeAll
    static void launchBrowser() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(1366, 860));
        context.setDefaultTimeout(20_000);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    String url(String path) {
        return "http://localhost:" + port + "/" + path;
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    /**
     * Clicks a button in a grid cell until it goes away. Vaadin's grid may re-render a cell's
     * components just after they first appear, and a click on the replaced element is lost.
     */
    static void clickUntilGone(Locator button) {
        for (int attempt = 0; attempt < 5; attempt++) {
            button.click();
            try {
                button.waitFor(new Locator.WaitForOptions()
                        .setState(WaitForSelectorState.DETACHED)
                        .setTimeout(3000));
                return;
            } catch (TimeoutError stillThere) {
                // clicked a stale element: try again
            }
        }
        throw new AssertionError("The button did not react to clicks: " + button);
    }

    /** The header texts of {@code gridSelector}'s columns that start beyond its right edge (off-screen without scrolling). */
    static List<?> headersBeyondRightEdge(Page page, String gridSelector) {
        return (List<?>) page.evaluate("""
                selector => { const g = document.querySelector(selector);
                  const right = g.getBoundingClientRect().right;
                  return [...g.querySelectorAll('vaadin-grid-cell-content')]
                    .filter(c => c.assignedSlot && c.assignedSlot.parentElement.tagName === 'TH')
                    .filter(c => c.getBoundingClientRect().left + 20 > right).map(c => c.innerText); }""", gridSelector);
    }

    LoginPage loginPage() {
        return new LoginPage(page, url("login"));
    }
}
