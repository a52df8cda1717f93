package com.safepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FeesTest {

    @Test
    void the_fee_is_amount_times_rate_rounded_half_up_to_the_fen() {
        assertThat(Fees.fee(250_00, 6000)).isEqualTo(1_50);
        assertThat(Fees.fee(88_00, 6000)).isEqualTo(53); // 52.8 fen
        assertThat(Fees.fee(75, 6000)).isEqualTo(0); // 0.45 fen
        assertThat(Fees.fee(25, 20000)).isEqualTo(1); // 0.5 fen rounds up
        assertThat(Fees.fee(1_000_000_00, 6000)).isEqualTo(6_000_00);
    }

    @Test
    void a_partial_refund_returns_the_proportional_fee_and_the_last_one_the_rest() {
        long fee = Fees.fee(100_00, 6000); // 60 fen
        long first = Fees.feeRefund(fee, 100_00, 0, 0, 33_33);
        assertThat(first).isEqualTo(20); // 19.998
        long second = Fees.feeRefund(fee, 100_00, 33_33, first, 66_67);
        assertThat(first + second).isEqualTo(fee);
    }

    @Property
    void refunds_never_return_more_fee_than_was_charged_and_a_full_refund_returns_all_of_it(
            @ForAll @LongRange(min = 1, max = 100_000_000) long total,
            @ForAll @IntRange(min = 0, max = 100_000) int ratePpm,
            @ForAll @IntRange(min = 1, max = 6) int parts) {
        long fee = Fees.fee(total, ratePpm);
        long refunded = 0;
        long feeRefunded = 0;
        for (int i = 1; i <= parts; i++) {
            long refund = i == parts ? total - refunded : Math.max(1, (total - refunded) / (parts - i + 2));
            if (refund <= 0) {
                break;
            }
            long share = Fees.feeRefund(fee, total, refunded, feeRefunded, refund);
            assertThat(share).isBetween(0L, fee - feeRefunded);
            refunded += refund;
            feeRefunded += share;
        }
        if (refunded == total) {
            assertThat(feeRefunded).isEqualTo(fee);
        }
    }
}
