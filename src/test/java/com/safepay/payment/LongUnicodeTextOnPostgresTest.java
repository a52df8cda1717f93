package com.safepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.support.PostgresIntegrationTest;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The longest texts the merchant API admits, counted in code points, fit PostgreSQL's columns too
 * (MerchantApiTest checks them on H2 through the API).
 */
@PostgresIntegrationTest
class LongUnicodeTextOnPostgresTest {

    /** One code point that takes two UTF-16 units (a surrogate pair) and four UTF-8 bytes. */
    private static final String EMOJI = "\uD83D\uDE00";

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_trade_holds_256_emoji_in_its_subject_1000_in_its_body_and_its_refund_256_in_its_reason() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        Trade created = trades.create(new CreateTrade(
                        merchant.merchant().id(),
                        "emoji-pg-1",
                        EMOJI.repeat(256),
                        EMOJI.repeat(1000),
                        10_00,
                        TradeType.INSTANT,
                        "https://shop.example/n",
                        null,
                        null))
                .trade();
        // paying and refunding write notifications that carry the subject
        trades.pay(created.tradeNo(), TestMerchants.buyer(buyers, 10_00).id(), "CONFIRM");

        trades.refund(merchant.merchant().id(), created.tradeNo(), "rq-emoji", 1_00, EMOJI.repeat(256));

        Trade stored = trades.find(created.tradeNo()).orElseThrow();
        assertThat(stored.subject()).isEqualTo(EMOJI.repeat(256));
        assertThat(stored.body()).isEqualTo(EMOJI.repeat(1000));
        assertThat(trades.findRefund(stored.id(), "rq-emoji").orElseThrow().reason())
                .isEqualTo(EMOJI.repeat(256));
        assertThat(jdbc.sql("select subject from recon_trade where trade_no = ?")
                        .param(stored.tradeNo())
                        .query(String.class)
                        .single())
                .isEqualTo(EMOJI.repeat(256));
    }
}
