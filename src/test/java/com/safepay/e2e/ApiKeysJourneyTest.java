package com.safepay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.safepay.merchant.PlatformKeys;
import com.safepay.shared.RsaSignatures;
import com.safepay.support.TestMerchants;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiKeysJourneyTest extends BrowserTest {

    @Autowired
    PlatformKeys platformKeys;

    @Test
    void a_merchant_uploads_its_public_key_and_downloads_safepays() throws Exception {
        loginPage().open().signIn("merchant2", DEMO_PASSWORD);
        page.navigate(url("keys"));
        page.locator("#merchant-key-upload").waitFor();

        page.locator("#merchant-key-upload textarea")
                .fill("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----");
        page.locator("#merchant-key-save").click();
        page.getByText("不是有效的 RSA 公钥").waitFor();
        screenshot("api-keys-invalid-zh");

        String pem = RsaSignatures.toPem(TestMerchants.keys().getPublic());
        page.locator("#merchant-key-upload textarea").fill(pem);
        page.locator("#merchant-key-save").click();
        // the saved key is the lasting sign of success (the "公钥已保存" toast goes away after 3 s)
        PlaywrightAssertions.assertThat(page.locator("#merchant-key-current textarea"))
                .hasValue(pem, new LocatorAssertions.HasValueOptions().setTimeout(20_000));

        Download download = page.waitForDownload(
                () -> page.locator("#platform-key-download").click());
        String downloaded = Files.readString(download.path());
        assertThat(RsaSignatures.readPublicKey(downloaded)).isEqualTo(platformKeys.publicKey());
        screenshot("api-keys-zh");
    }

    @Test
    void finance_staff_have_no_api_keys_view() {
        loginPage().open().signIn("finance", DEMO_PASSWORD);
        page.navigate(url("keys"));
        page.locator(".sp-denied").waitFor();
        assertThat(page.locator(".sp-denied").innerText()).contains("无权访问");
    }
}
