package com.safepay.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium for the browser tests: the one at {@code PLAYWRIGHT_CHROMIUM_EXECUTABLE} (or
 * /usr/bin/chromium) when there is one; Playwright never downloads browsers.
 */
final class Chromium {

    private static final List<String> FLAGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic");

    private Chromium() {}

    static Playwright playwright() {
        return Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        BrowserType.LaunchOptions options =
                new BrowserType.LaunchOptions().setHeadless(true).setArgs(FLAGS);
        String executable = System.getenv("PLAYWRIGHT_CHROMIUM_EXECUTABLE");
        if (executable == null && Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            executable = "/usr/bin/chromium";
        }
        if (executable != null) {
            options.setExecutablePath(Path.of(executable));
        }
        return playwright.chromium().launch(options);
    }
}
