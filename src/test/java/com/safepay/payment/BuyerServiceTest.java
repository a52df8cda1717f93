package com.safepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.payment.BuyerService.PasswordCheck;
import com.safepay.payment.BuyerService.SignIn;
import com.safepay.support.H2IntegrationTest;
import com.safepay.support.MutableClock;
import com.safepay.support.TestMerchants;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@H2IntegrationTest
class BuyerServiceTest {

    @Autowired
    BuyerService buyers;

    @Autowired
    MutableClock clock;

    @Test
    void three_wrong_payment_passwords_lock_payments_for_the_rest_of_the_day() {
        Buyer buyer = TestMerchants.buyer(buyers, 0);
        assertThat(buyers.checkPaymentPassword(buyer.id(), "000000").remainingTries())
                .isEqualTo(2);
        assertThat(buyers.checkPaymentPassword(buyer.id(), "000001").remainingTries())
                .isEqualTo(1);
        assertThat(buyers.checkPaymentPassword(buyer.id(), "000002").outcome()).isEqualTo(PasswordCheck.LOCKED_TODAY);
        assertThat(buyers.checkPaymentPassword(buyer.id(), "123456").outcome()).isEqualTo(PasswordCheck.LOCKED_TODAY);
        assertThat(buyers.isPaymentLockedToday(buyer.id())).isTrue();

        clock.advance(Duration.ofDays(1));
        assertThat(buyers.isPaymentLockedToday(buyer.id())).isFalse();
        assertThat(buyers.checkPaymentPassword(buyer.id(), "123456").outcome()).isEqualTo(PasswordCheck.OK);
    }

    @Test
    void a_right_payment_password_resets_the_count() {
        Buyer buyer = TestMerchants.buyer(buyers, 0);
        buyers.checkPaymentPassword(buyer.id(), "000000");
        buyers.checkPaymentPassword(buyer.id(), "000000");
        assertThat(buyers.checkPaymentPassword(buyer.id(), "123456").outcome()).isEqualTo(PasswordCheck.OK);
        assertThat(buyers.checkPaymentPassword(buyer.id(), "000000").remainingTries())
                .isEqualTo(2);
    }

    @Test
    void five_wrong_login_passwords_lock_the_cashier_sign_in_for_thirty_minutes() {
        Buyer buyer = TestMerchants.buyer(buyers, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(buyers.signIn(buyer.loginName(), "wrong").outcome()).isEqualTo(SignIn.WRONG);
        }
        assertThat(buyers.signIn(buyer.loginName(), "buyer-password-1").outcome())
                .isEqualTo(SignIn.LOCKED);
        clock.advance(Duration.ofMinutes(31));
        assertThat(buyers.signIn(buyer.loginName(), "buyer-password-1").outcome())
                .isEqualTo(SignIn.OK);
    }

    @Test
    void unknown_buyers_get_the_same_answer_as_wrong_passwords() {
        assertThat(buyers.signIn("nobody@nowhere", "x").outcome()).isEqualTo(SignIn.WRONG);
    }

    @Test
    void masked_accounts_hide_the_middle() {
        assertThat(new Buyer(1, "13812345678", "x", "", 1).maskedAccount()).isEqualTo("138****5678");
        assertThat(new Buyer(1, "alice@example.com", "x", "", 1).maskedAccount())
                .isEqualTo("ali***@example.com");
    }
}
