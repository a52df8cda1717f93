package com.safepay.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.AllowanceUse;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CreateTrade;
import com.safepay.payment.PaymentException;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeType;
import com.safepay.support.H2IntegrationTest;
import com.safepay.support.SystemUser;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 免费交易流量: an unverified merchant may receive at most ¥1,000 of trades per calendar month. */
@H2IntegrationTest
class MerchantQuotaTest {

    @Autowired
    TradeService trades;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    BuyerService buyers;

    private void create(TestMerchant merchant, String order, long fen) {
        trades.create(new CreateTrade(
                merchant.merchant().id(),
                order,
                "Item",
                null,
                fen,
                TradeType.INSTANT,
                "https://shop.example/n",
                null,
                null));
    }

    @Test
    void an_unverified_merchants_trade_that_would_pass_1000_yuan_this_month_is_refused_and_passes_after_verification() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        SystemUser.asAdmin(
                () -> merchants.setRealNameVerified(merchant.merchant().id(), false));
        create(merchant, "q-1", 600_00);
        create(merchant, "q-2", 400_00);
        assertThatThrownBy(() -> create(merchant, "q-3", 1))
                .isInstanceOf(PaymentException.class)
                .extracting(e -> ((PaymentException) e).reason())
                .isEqualTo(PaymentException.Reason.MERCHANT_QUOTA_EXCEEDED);
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "q-3"))
                .isEmpty();

        SystemUser.asAdmin(
                () -> merchants.setRealNameVerified(merchant.merchant().id(), true));
        create(merchant, "q-3", 5_000_00);
        assertThat(trades.findForMerchant(merchant.merchant().id(), null, "q-3"))
                .isPresent();
    }

    @Test
    void trades_that_closed_unpaid_do_not_count_against_the_allowance() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        SystemUser.asAdmin(
                () -> merchants.setRealNameVerified(merchant.merchant().id(), false));
        create(merchant, "c-1", 900_00);
        String tradeNo = trades.findForMerchant(merchant.merchant().id(), null, "c-1")
                .orElseThrow()
                .tradeNo();
        trades.close(merchant.merchant().id(), tradeNo);
        create(merchant, "c-2", 900_00);
        assertThat(trades.monthAllowance(
                                merchant.merchant().id(), merchant.merchant().zone())
                        .used()
                        .minorUnits())
                .isEqualTo(900_00);
    }

    @Test
    void open_orders_use_the_allowance_without_counting_as_received_and_paying_one_moves_it_across() {
        TestMerchant merchant = TestMerchants.merchant(merchants, merchantKeys);
        SystemUser.asAdmin(
                () -> merchants.setRealNameVerified(merchant.merchant().id(), false));
        Buyer buyer = TestMerchants.buyer(buyers, 1_000_00);
        String paid = TestMerchants.paidTrade(trades, merchant, buyer, 150_00);
        create(merchant, "open-1", 300_00);
        create(merchant, "open-2", 500_00);

        AllowanceUse use = trades.monthAllowance(
                merchant.merchant().id(), merchant.merchant().zone());
        assertThat(use.received().minorUnits()).isEqualTo(150_00);
        assertThat(use.payable().minorUnits()).isEqualTo(800_00);
        assertThat(use.used().minorUnits()).isEqualTo(950_00);
        // ¥50 are left: many unpaid orders at once cannot pass the limit
        assertThatThrownBy(() -> create(merchant, "open-3", 50_01))
                .isInstanceOf(PaymentException.class)
                .hasMessageContaining("paid and still payable");
        create(merchant, "open-3", 50_00);

        String open1 = trades.findForMerchant(merchant.merchant().id(), null, "open-1")
                .orElseThrow()
                .tradeNo();
        trades.pay(open1, buyer.id(), "CONFIRM");
        // a refund gives no allowance back and does not lower what was received
        trades.refund(merchant.merchant().id(), paid, "r-1", 150_00, "退货");
        use = trades.monthAllowance(
                merchant.merchant().id(), merchant.merchant().zone());
        assertThat(use.received().minorUnits()).isEqualTo(450_00);
        assertThat(use.payable().minorUnits()).isEqualTo(550_00);
        assertThat(use.used().minorUnits()).isEqualTo(1_000_00);
    }
}
