package com.safepay.e2e;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Page object of 交易明细 (/transactions) and its trade detail dialog. */
final class TransactionsPage {

    private final Page page;

    TransactionsPage(Page page) {
        this.page = page;
    }

    TransactionsPage open(String url) {
        page.navigate(url);
        return waitForContent();
    }

    TransactionsPage waitForContent() {
        page.locator("#recon-grid").waitFor();
        page.locator("#recon-total-count").waitFor();
        return this;
    }

    /** The count shown in the totals bar. */
    long totalCount() {
        return Long.parseLong(page.locator("#recon-total-count").innerText().replaceAll("[^0-9]", ""));
    }

    /** An amount of the totals bar ({@code amount}, {@code refunded}, {@code fee}, {@code net}) in fen. */
    long totalFen(String which) {
        String text = page.locator("#recon-total-" + which).innerText().replaceAll("[^0-9.-]", "");
        return new BigDecimal(text).movePointRight(2).longValueExact();
    }

    String tabLabel(String tab) {
        return page.locator("#recon-tab-" + tab).innerText().strip();
    }

    /** Clicks a tab and waits until the totals show its count. */
    void selectTab(String tab) {
        long expected = Long.parseLong(tabLabel(tab).replaceAll(".*\\((\\d+)\\)$", "$1"));
        page.locator("#recon-tab-" + tab).click();
        page.locator("#recon-tab-" + tab + "[selected]").waitFor();
        waitForCount(expected);
    }

    void waitForCount(long expected) {
        page.waitForCondition(() -> totalCount() == expected);
    }

    void quickRange(String label) {
        page.locator(".sp-recon-quick vaadin-button").getByText(label).click();
    }

    String pageInfo() {
        return page.locator("#recon-page-info").innerText().strip();
    }

    void nextPage() {
        String before = pageInfo();
        page.locator("#recon-next").click();
        page.waitForCondition(() -> !pageInfo().equals(before));
    }

    List<String> tradeNosOnPage() {
        // the grid keeps the cells of rows it no longer shows: read the visible ones only
        return page
                .locator("#recon-grid vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setVisible(true))
                .allInnerTexts()
                .stream()
                .map(String::strip)
                .filter(text -> text.matches("\\d{20}"))
                .toList();
    }

    void chooseNumberKind(String label) {
        page.locator("#recon-number-kind").click();
        page.locator("vaadin-select-item")
                .getByText(label, new Locator.GetByTextOptions().setExact(true))
                .click();
    }

    void typeNumber(String number) {
        page.locator("#recon-number input").fill(number);
    }

    /** Types dates (yyyy-MM-dd) into the start and end pickers, times 00:00. */
    void typeRange(String startDate, String endDate) {
        typeDate("#recon-start", startDate);
        typeDate("#recon-end", endDate);
    }

    private void typeDate(String picker, String date) {
        Locator input = page.locator(picker + " [slot='date-picker'] input");
        input.fill(date);
        input.press("Enter");
        Locator time = page.locator(picker + " [slot='time-picker'] input");
        time.fill("00:00");
        time.press("Enter");
    }

    void search() {
        page.locator("#recon-search").click();
    }

    String rangeError() {
        Locator error = page.locator("#recon-range-error");
        error.waitFor();
        return error.innerText().strip();
    }

    void openFirstDetail() {
        page.locator(".sp-recon-open").first().click();
        page.locator("#recon-detail-facts").waitFor();
    }

    void openDetailOf(String tradeNo) {
        page.locator("#recon-grid vaadin-grid-cell-content")
                .getByText(tradeNo)
                .first()
                .waitFor();
        int row = tradeNosOnPage().indexOf(tradeNo);
        page.locator(".sp-recon-open").nth(row).click();
        page.locator("#recon-detail-facts").waitFor();
    }

    boolean detailHasRefundButton() {
        return page.locator("#recon-refund").count() > 0;
    }

    boolean detailHasShipButton() {
        return page.locator("#recon-ship").count() > 0;
    }

    String detailText() {
        return page.locator("#recon-detail").innerText();
    }

    /** Fills the refund form and asks for the refund: the confirmation dialog's text, still open. */
    String requestRefund(String amount, String reason, String password) {
        page.locator("#recon-refund-amount input").fill(amount);
        page.locator("#recon-refund-reason input").fill(reason);
        page.locator("#recon-refund-password input").fill(password);
        page.locator("#recon-refund").click();
        page.locator("#recon-refund-summary").waitFor();
        return page.locator("#recon-refund-summary").innerText();
    }

    /** Asks for a refund the form must refuse, and waits for its error; no confirmation may open. */
    void refuseRefundRequest(String amount, String password, String error) {
        page.locator("#recon-refund-amount input").fill(amount);
        page.locator("#recon-refund-password input").fill(password);
        page.locator("#recon-refund").click();
        page.locator(".sp-recon-refund-form").getByText(error).waitFor();
        if (page.locator("#recon-refund-summary").count() > 0) {
            throw new AssertionError("a refused refund request opened the confirmation");
        }
    }

    void confirmRefund() {
        clickAndWaitUntilGone("#recon-refund-confirm", "#recon-refund-summary");
    }

    void cancelRefund() {
        clickAndWaitUntilGone("#recon-refund-cancel", "#recon-refund-summary");
    }

    String refundAmountField() {
        return page.locator("#recon-refund-amount input").inputValue();
    }

    void closeDetail() {
        clickAndWaitUntilGone("#recon-detail-close", "#recon-detail-facts");
    }

    private void clickAndWaitUntilGone(String button, String content) {
        page.locator(button).click();
        page.locator(content)
                .waitFor(new Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    }

    /** Starts an export, waits for its link, downloads it into {@code folder}. */
    Path export(String format, Path folder) throws Exception {
        page.locator("#recon-export-" + format).click();
        Locator link = page.locator("#recon-download-" + format);
        link.waitFor();
        Download download = page.waitForDownload(link::click);
        Files.createDirectories(folder);
        Path file = folder.resolve(download.suggestedFilename());
        download.saveAs(file);
        return file;
    }
}
