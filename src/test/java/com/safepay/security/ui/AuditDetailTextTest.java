package com.safepay.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.security.AuditLog;
import com.safepay.security.AuditRecord;
import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.Role;
import com.safepay.support.H2IntegrationTest;
import com.safepay.support.SignedIn;
import com.safepay.support.SystemUser;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import com.safepay.withdrawal.Bank;
import com.safepay.withdrawal.BankAccountService;
import com.vaadin.flow.i18n.DefaultI18NProvider;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 说明 column of the audit log reads in the viewer's language: details are stored as a message key
 * and arguments, and rendered through the same bundles (and Vaadin's provider) as the page.
 */
@H2IntegrationTest
class AuditDetailTextTest {

    private static final DefaultI18NProvider BUNDLES =
            new DefaultI18NProvider(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));

    @Autowired
    AuditLog auditLog;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    BankAccountService bankAccounts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static AuditDetailText in(Locale locale) {
        return new AuditDetailText((key, args) -> BUNDLES.getTranslation(key, locale, args), SignedIn.SHANGHAI);
    }

    private List<AuditRecord> linesAbout(String target) {
        SignedIn.as(Role.ADMIN, 0);
        return auditLog.search(target, PageRequest.of(0, 20)).getContent();
    }

    private static AuditRecord line(List<AuditRecord> lines, String action) {
        return lines.stream().filter(r -> r.action().equals(action)).findFirst().orElseThrow();
    }

    @Test
    void a_wrong_payment_password_reads_with_its_tries_left_in_chinese_and_in_english() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        SignedIn.as(Role.MERCHANT, merchant.merchant().id());
        merchants.checkMyPaymentPassword("999999");
        merchants.checkMyPaymentPassword("999998");
        merchants.checkMyPaymentPassword("999997"); // the third locks the password for the day

        List<AuditRecord> lines = linesAbout(merchant.merchant().merchantNo().value());
        List<AuditRecord> tries = lines.stream()
                .filter(r -> r.action().equals("PAYMENT_PASSWORD"))
                .toList();

        assertThat(tries).hasSize(3).allSatisfy(r -> assertThat(r.detail()).isNull());
        assertThat(tries.stream().map(in(Locale.SIMPLIFIED_CHINESE)::of))
                .containsExactly("支付密码错误，今日还可尝试 0 次", "支付密码错误，今日还可尝试 1 次", "支付密码错误，今日还可尝试 2 次");
        assertThat(tries.stream().map(in(Locale.ENGLISH)::of))
                .containsExactly(
                        "Wrong payment password, 0 tries left today",
                        "Wrong payment password, 1 try left today",
                        "Wrong payment password, 2 tries left today");
    }

    @Test
    void a_bank_account_reads_with_the_banks_and_the_statuss_name_not_their_codes() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        SystemUser.asAdmin(
                () -> bankAccounts.addFor(merchant.merchant().id(), "张三", Bank.CMB, "南山支行", "6225880000004321"));

        AuditRecord added = line(linesAbout("4321"), "BANK_ACCOUNT_ADD");

        assertThat(in(Locale.SIMPLIFIED_CHINESE).of(added)).isEqualTo("招商银行，已审核");
        assertThat(in(Locale.ENGLISH).of(added)).isEqualTo("China Merchants Bank, Verified");
    }

    @Test
    void amounts_and_times_are_formatted_for_the_reader_and_texts_kept_as_they_are() {
        AuditRecord record = new AuditRecord(
                1,
                Instant.parse("2026-12-03T11:24:52Z"),
                "finance-1",
                "TRADE_REFUND",
                "2026120322001",
                AuditEvent.Outcome.SUCCESS,
                null,
                null,
                AuditDetail.of("audit.detail.refund", AuditDetail.amount(1_234_50), "R{0}'1"));
        AuditRecord locked = new AuditRecord(
                2,
                Instant.parse("2026-12-03T11:24:52Z"),
                "finance-1",
                "LOCKOUT",
                "finance-1",
                AuditEvent.Outcome.SUCCESS,
                null,
                null,
                AuditDetail.of("audit.detail.lockedUntil", AuditDetail.time(Instant.parse("2026-12-03T11:39:52Z"))));

        assertThat(in(Locale.SIMPLIFIED_CHINESE).of(record)).isEqualTo("¥1,234.50，退款请求号 R{0}'1");
        assertThat(in(Locale.ENGLISH).of(record)).isEqualTo("¥1,234.50, refund request R{0}'1");
        assertThat(in(Locale.SIMPLIFIED_CHINESE).of(locked)).isEqualTo("锁定至 2026-12-03 19:39:52");
        assertThat(in(Locale.ENGLISH).of(locked)).isEqualTo("Locked until 2026-12-03 19:39:52");
    }

    @Test
    void lines_written_before_details_were_structured_read_as_they_were_written() {
        jdbc.sql("""
                        insert into audit_log (occurred_at, actor, action, target, outcome, client_ip, detail)
                        values (?, 'finance-legacy', 'PAYMENT_PASSWORD', 'legacy-target-1', 'FAILURE', null,
                            '2 tries left today')""")
                .param(Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")))
                .update();

        AuditRecord old = line(linesAbout("legacy-target-1"), "PAYMENT_PASSWORD");

        assertThat(old.structuredDetail()).isNull();
        assertThat(in(Locale.SIMPLIFIED_CHINESE).of(old)).isEqualTo("2 tries left today");
        assertThat(in(Locale.ENGLISH).of(old)).isEqualTo("2 tries left today");
    }

    @Test
    void a_detail_survives_being_stored_as_text_whatever_its_texts_hold() {
        AuditDetail detail = AuditDetail.of(
                "audit.detail.export",
                "a\u001Fb",
                AuditDetail.time(Instant.parse("2026-12-03T11:24:52.123456Z")),
                AuditDetail.amount(-5),
                7L,
                AuditDetail.label("recon.tab.ALL"),
                "");

        AuditDetail back = AuditDetail.decode(detail.key(), detail.encodedArgs());

        assertThat(back.args())
                .containsExactly(
                        new AuditDetail.Text("a b"),
                        new AuditDetail.Time(Instant.parse("2026-12-03T11:24:52.123456Z")),
                        new AuditDetail.Amount(-5),
                        new AuditDetail.Count(7),
                        new AuditDetail.Label("recon.tab.ALL"),
                        new AuditDetail.Text(""));
    }
}
