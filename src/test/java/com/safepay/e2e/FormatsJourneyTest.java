package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One language, one format: the audit log's 说明 reads in the admin's language, and the date-time
 * pickers of 交易明细 show ISO dates and a 24-hour clock in both languages.
 */
class FormatsJourneyTest extends BrowserTest {

    private static final List<int[]> SIZES = List.of(new int[] {1440, 900}, new int[] {1280, 800});

    private void shots(String name) {
        for (int[] size : SIZES) {
            page.setViewportSize(size[0], size[1]);
            page.waitForTimeout(300);
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(SCREENSHOTS.resolve(name + "-" + size[0] + ".png")));
        }
    }

    @Test
    void the_audit_logs_detail_reads_in_the_admins_language() {
        loginPage().open().submit("nobody-formats", "not-the-password");
        loginPage().error();

        ShellPage shell = loginPage().open().signIn("admin", DEMO_PASSWORD);
        page.navigate(url("admin/audit"));
        Locator grid = page.locator("vaadin-grid");
        grid.getByText("未知用户").first().waitFor();
        shots("audit-zh");

        shell.switchLanguage("English");
        try {
            page.locator("vaadin-grid").getByText("Unknown user").first().waitFor();
            assertThat(page.locator("vaadin-grid").getByText("未知用户").count()).isZero();
            shots("audit-en");
            // at 1280 px in English (the widest texts) every column, 说明 included, starts in view
            assertThat(headersBeyondRightEdge(page, "vaadin-grid")).isEmpty();
        } finally {
            shell.switchLanguage("中文");
        }
    }

    @Test
    void the_transaction_pickers_show_iso_dates_and_a_24_hour_clock_in_both_languages() {
        ShellPage shell = loginPage().open().signIn("merchant", DEMO_PASSWORD);
        TransactionsPage transactions = new TransactionsPage(page).open(url("transactions"));
        pickers("zh");

        shell.switchLanguage("English");
        try {
            transactions.waitForContent();
            pickers("en");
        } finally {
            shell.switchLanguage("中文");
        }
    }

    private void pickers(String language) {
        Locator date = page.locator("#recon-start vaadin-date-picker input");
        Locator time = page.locator("#recon-start vaadin-time-picker input");
        assertThat(date.inputValue()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(time.inputValue()).as("24-hour time").matches("([01]\\d|2[0-3]):[0-5]\\d");

        date.click();
        page.locator("vaadin-date-picker-overlay[opened]").waitFor();
        shots("transactions-datepicker-" + language);
        page.keyboard().press("Escape");

        time.click();
        Locator items = page.locator("vaadin-time-picker-item");
        items.first().waitFor();
        assertThat(items.allInnerTexts())
                .isNotEmpty()
                .allSatisfy(text -> assertThat(text.strip()).matches("([01]\\d|2[0-3]):[0-5]\\d"));
        shots("transactions-timepicker-" + language);
        page.keyboard().press("Escape");
        // an afternoon time typed in stays as typed (a 12-hour picker would make it "3:30 PM")
        time.fill("15:30");
        time.press("Tab");
        assertThat(time.inputValue()).isEqualTo("15:30");
    }
}
