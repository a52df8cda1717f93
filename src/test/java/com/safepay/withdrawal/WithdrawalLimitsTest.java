package com.safepay.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.payment.BuyerService;
import com.safepay.payment.TradeService;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.support.H2IntegrationTest;
import com.safepay.support.SignedIn;
import com.safepay.support.SystemUser;
import com.safepay.support.TestMerchants;
import com.safepay.support.TestMerchants.TestMerchant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The balance and the daily limit (¥50,000.00) each refuse with their own message, the balance first. */
@H2IntegrationTest
class WithdrawalLimitsTest {

    private static final AtomicLong ACCOUNT_NUMBERS = new AtomicLong(6222_0300_0000_0000L + System.nanoTime() % 1000);

    @Autowired
    WithdrawalService withdrawals;

    @Autowired
    BankAccountService bankAccounts;

    @Autowired
    MerchantService merchants;

    @Autowired
    MerchantKeys merchantKeys;

    @Autowired
    TradeService trades;

    @Autowired
    BuyerService buyers;

    @Autowired
    LedgerService ledger;

    private TestMerchant merchant;
    private BankAccount account;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    /** A signed-in merchant whose available balance is the trade less its 0.6% fee. */
    private void merchantPaid(long tradeFen) {
        merchant = TestMerchants.merchant(merchants, merchantKeys);
        TestMerchants.paidTrade(trades, merchant, TestMerchants.buyer(buyers, tradeFen), tradeFen);
        account = SystemUser.asAdmin(() -> bankAccounts.addFor(
                merchant.merchant().id(), "测试公司", Bank.CMB, "上海分行", "" + ACCOUNT_NUMBERS.incrementAndGet()));
        SignedIn.as(Role.MERCHANT, merchant.merchant().id());
    }

    private long available() {
        return ledger.balance(ledger.account(
                        AccountType.MERCHANT_AVAILABLE, merchant.merchant().id())
                .orElseThrow());
    }

    private String refusal(long amountFen) {
        WithdrawalException refused = assertThrows(
                WithdrawalException.class,
                () -> withdrawals.request("req-" + System.nanoTime(), amountFen, account.id(), "123456"));
        return refused.messageKey();
    }

    @Test
    void anAmountAboveTheBalanceIsRefusedAsInsufficientEvenWhenItIsAlsoOverTheDailyLimit() {
        merchantPaid(100_00);
        long before = available();

        assertThat(refusal(60_000_00)).isEqualTo("withdrawal.error.insufficient");
        assertThat(refusal(before + 1)).isEqualTo("withdrawal.error.insufficient");
        assertThat(available()).isEqualTo(before);
    }

    @Test
    void anAmountWithinTheBalanceButOverWhatTheDailyLimitLeavesIsRefusedWithTheLimitAndWhatIsLeft() {
        merchantPaid(80_000_00);
        withdrawals.request("first-" + System.nanoTime(), 30_000_00, account.id(), "123456");
        long before = available();
        assertThat(withdrawals.leftToday()).isEqualTo(Money.ofMinor(20_000_00));

        assertThatThrownBy(() -> withdrawals.request("second-" + System.nanoTime(), 20_000_01, account.id(), "123456"))
                .isInstanceOfSatisfying(WithdrawalException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("withdrawal.error.dailyLimit");
                    assertThat(e.args())
                            .containsExactly(Money.ofMinor(20_000_00).format());
                });
        assertThat(available()).isEqualTo(before);

        withdrawals.request("third-" + System.nanoTime(), 20_000_00, account.id(), "123456");
        assertThat(withdrawals.leftToday()).isEqualTo(Money.ofMinor(0));
    }
}
