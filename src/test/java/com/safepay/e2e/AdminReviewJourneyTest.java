package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.safepay.merchant.MerchantNo;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.shared.Role;
import com.safepay.support.SignedIn;
import com.safepay.support.SystemUser;
import com.safepay.withdrawal.Bank;
import com.safepay.withdrawal.BankAccount;
import com.safepay.withdrawal.BankAccountService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Admins' verification toggles ask first, and the admin and merchant grids of bank accounts and
 * merchants keep their action columns and bank names whole at 1280 and 1440 px in both languages.
 */
class AdminReviewJourneyTest extends BrowserTest {

    private static final MerchantNo SECOND = new MerchantNo("2088100000000002");
    private static final Path SHOTS = Path.of("/work/shots/i17-wd");
    private static final int[][] SIZES = {{1280, 800}, {1440, 900}};

    /**
     * Problems of one grid: an action button outside the grid or the viewport or with a cut label,
     * a bank-name cell (or any other cell) whose content does not fit, columns that scroll sideways. Counts the cells it looked at, so an empty check fails.
     */
    private static final String CHECK = """
            grid => {
              const problems = [];
              const vw = window.innerWidth, box = grid.getBoundingClientRect();
              const content = td => td.querySelector('slot')?.assignedElements()[0];
              const shown = [...grid.shadowRoot.querySelectorAll('tbody td')].filter(td => td.offsetParent !== null);
              let actions = 0, banks = 0;
              for (const td of shown.filter(td => td.part.contains('sp-actions'))) {
                for (const b of content(td).querySelectorAll('vaadin-button')) {
                  actions++;
                  const r = b.getBoundingClientRect();
                  if (r.left < box.left - 0.5 || r.right > Math.min(box.right, vw) + 0.5 || r.right > vw) {
                    problems.push('off-screen: ' + b.innerText + ' ' + r.left + '..' + r.right + ' of ' + vw);
                  }
                }
              }
              for (const b of shown.flatMap(td => [...(content(td)?.querySelectorAll('vaadin-button') ?? [])])) {
                const label = b.shadowRoot.querySelector('[part=label]');
                if (label && label.scrollWidth > label.clientWidth) {
                  problems.push('cut button: ' + b.innerText);
                }
              }
              for (const td of shown.filter(td => td.part.contains('sp-bank-name'))) {
                banks++;
                const c = content(td);
                if (c.scrollWidth > c.clientWidth) {
                  problems.push('cut bank name: ' + c.innerText + ' ' + c.scrollWidth + '>' + c.clientWidth);
                }
              }
              for (const td of shown.filter(td => !td.part.contains('sp-bank-name'))) {
                const c = content(td);
                if (c && c.scrollWidth > c.clientWidth) {
                  problems.push('cut cell: ' + c.innerText + ' ' + c.scrollWidth + '>' + c.clientWidth);
                }
              }
              const table = grid.shadowRoot.querySelector('#table');
              if (table.scrollWidth > table.clientWidth) {
                problems.push('columns scroll sideways: ' + table.scrollWidth + '>' + table.clientWidth);
              }
              return {problems, actions, banks};
            }""";

    @Autowired
    BankAccountService bankAccounts;

    @Autowired
    MerchantService merchants;

    private MerchantView second() {
        return merchants.findByMerchantNoForSystem(SECOND).orElseThrow();
    }

    private MerchantView first() {
        return merchants
                .findByMerchantNoForSystem(new MerchantNo("2088100000000001"))
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private void assertWhole(String gridId, boolean hasActions, String what) {
        Locator grid = page.locator("#" + gridId);
        grid.locator("vaadin-grid-cell-content").first().waitFor();
        page.waitForTimeout(300); // column widths settle after the first render
        var result = (java.util.Map<String, Object>) grid.evaluate(CHECK);
        assertThat((List<String>) result.get("problems")).as(what).isEmpty();
        assertThat(((Number) result.get("banks")).intValue())
                .as(what + ": bank cells")
                .isPositive();
        if (hasActions) {
            assertThat(((Number) result.get("actions")).intValue())
                    .as(what + ": buttons")
                    .isPositive();
        }
    }

    private void shot(String name) throws Exception {
        screenshot(name);
        Files.createDirectories(SHOTS);
        Files.copy(
                SCREENSHOTS.resolve(name + ".png"), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Signs in, then checks and photographs each page at both sizes in Chinese, then in English. */
    private void inBothLanguagesAndSizes(String user, ThrowingPage check) throws Exception {
        ShellPage shell = loginPage().open().signIn(user, DEMO_PASSWORD);
        try {
            for (String language : List.of("zh", "en")) {
                if (language.equals("en")) {
                    shell.switchLanguage("English");
                }
                for (int[] size : SIZES) {
                    page.setViewportSize(size[0], size[1]);
                    check.run(language + "-" + size[0]);
                }
            }
        } finally {
            shell.switchLanguage("中文");
        }
    }

    private interface ThrowingPage {
        void run(String suffix) throws Exception;
    }

    @Test
    void the_admin_grids_keep_their_actions_on_screen_and_bank_names_whole_at_1280_and_1440_px_in_both_languages()
            throws Exception {
        // A pending account with the longest English bank name, so the grid shows verify and reject.
        SignedIn.as(Role.MERCHANT, first().id());
        BankAccount pending;
        try {
            pending = bankAccounts.addMine(
                    "云杉咖啡有限公司",
                    Bank.SPDB,
                    "上海张江高科技园区支行",
                    "6225" + (System.nanoTime() % 100_000_000_000L + 100_000_000_000L));
        } finally {
            SignedIn.out();
        }
        try {
            inBothLanguagesAndSizes("admin", suffix -> {
                page.navigate(url("admin/bank-accounts"));
                page.locator("#admin-bank-accounts vaadin-grid-cell-content")
                        .first()
                        .waitFor();
                page.waitForTimeout(300);
                shot("admin-bank-accounts-" + suffix);
                assertWhole("admin-bank-accounts", true, "bank accounts " + suffix);
                page.navigate(url("admin/merchants"));
                page.locator("#admin-merchants vaadin-grid-cell-content")
                        .first()
                        .waitFor();
                page.waitForTimeout(300);
                shot("admin-merchants-" + suffix);
                @SuppressWarnings("unchecked")
                var result = (java.util.Map<String, Object>)
                        page.locator("#admin-merchants").evaluate(CHECK);
                assertThat((List<String>) result.get("problems"))
                        .as("merchants " + suffix)
                        .isEmpty();
                assertThat(((Number) result.get("actions")).intValue())
                        .as("merchants " + suffix)
                        .isPositive();
            });
        } finally {
            SystemUser.asAdmin(() -> bankAccounts.disable(pending.id()));
        }
    }

    @Test
    void the_merchants_bank_names_are_whole_on_the_bank_account_and_withdrawal_pages() throws Exception {
        inBothLanguagesAndSizes("merchant", suffix -> {
            page.navigate(url("bank-accounts"));
            assertWhole("bank-accounts", false, "bank accounts " + suffix);
            shot("bank-accounts-" + suffix);
            page.navigate(url("withdraw"));
            page.locator("#withdraw-all").click();
            page.locator("#withdraw-password input").fill("123456");
            page.locator("#withdraw-submit").click();
            page.locator("#withdraw-confirm-summary").waitFor();
            page.locator("vaadin-confirm-dialog-overlay:not([opening])").waitFor();
            shot("withdraw-confirm-" + suffix);
            page.locator("#withdraw-confirm-cancel").click();
            page.navigate(url("withdrawals"));
            page.locator("#withdrawals-grid").waitFor();
            shot("withdrawals-" + suffix);
        });
    }

    @Test
    void real_name_verification_shows_the_merchant_and_changes_nothing_until_confirmed() throws Exception {
        boolean before = second().realNameVerified();
        loginPage().open().signIn("admin", DEMO_PASSWORD);
        page.setViewportSize(1440, 900);
        page.navigate(url("admin/merchants"));
        Locator toggle = page.locator("#merchant-toggle-" + SECOND.value());
        try {
            WithdrawalJourneyTest.clickUntilOpen(page, toggle);
            assertThat(page.locator("#merchant-verify-summary").innerText())
                    .contains("青禾书店 Green Grain Books", SECOND.value(), "books@safepay.demo");
            shot("admin-merchants-confirm-zh-1440");
            page.locator("#merchant-verify-cancel").click();
            page.locator("vaadin-confirm-dialog-overlay")
                    .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            assertThat(second().realNameVerified()).isEqualTo(before);

            WithdrawalJourneyTest.clickUntilOpen(page, toggle);
            page.locator("#merchant-verify-confirm").click();
            page.locator("vaadin-confirm-dialog-overlay")
                    .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            page.locator("#merchant-toggle-" + SECOND.value())
                    .getByText(before ? "标记为已实名认证" : "取消实名认证")
                    .waitFor();
            assertThat(second().realNameVerified()).isEqualTo(!before);
        } finally {
            SystemUser.asAdmin(() -> {
                merchants.setRealNameVerified(second().id(), before);
                return null;
            });
        }
    }
}
