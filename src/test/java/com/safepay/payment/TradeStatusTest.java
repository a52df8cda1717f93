package com.safepay.payment;

import static com.safepay.payment.TradeStatus.Event.CLOSE_UNPAID;
import static com.safepay.payment.TradeStatus.Event.CONFIRM;
import static com.safepay.payment.TradeStatus.Event.FINISH;
import static com.safepay.payment.TradeStatus.Event.PAY;
import static com.safepay.payment.TradeStatus.Event.REFUND_ALL;
import static com.safepay.payment.TradeStatus.Event.SHIP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safepay.payment.TradeStatus.IllegalTransitionException;
import org.junit.jupiter.api.Test;

class TradeStatusTest {

    @Test
    void an_instant_trade_goes_from_payment_straight_to_success_then_finished() {
        assertThat(TradeStatus.WAIT_BUYER_PAY.next(PAY, TradeType.INSTANT)).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(TradeStatus.TRADE_SUCCESS.next(FINISH, TradeType.INSTANT)).isEqualTo(TradeStatus.TRADE_FINISHED);
    }

    @Test
    void an_escrow_trade_waits_for_shipping_and_confirmation() {
        assertThat(TradeStatus.WAIT_BUYER_PAY.next(PAY, TradeType.ESCROW)).isEqualTo(TradeStatus.WAIT_SELLER_SEND);
        assertThat(TradeStatus.WAIT_SELLER_SEND.next(SHIP, TradeType.ESCROW)).isEqualTo(TradeStatus.WAIT_BUYER_CONFIRM);
        assertThat(TradeStatus.WAIT_BUYER_CONFIRM.next(CONFIRM, TradeType.ESCROW))
                .isEqualTo(TradeStatus.TRADE_SUCCESS);
    }

    @Test
    void only_unpaid_trades_close_and_only_paid_unfinished_ones_are_refundable() {
        assertThat(TradeStatus.WAIT_BUYER_PAY.next(CLOSE_UNPAID, TradeType.INSTANT))
                .isEqualTo(TradeStatus.TRADE_CLOSED);
        assertThatThrownBy(() -> TradeStatus.TRADE_SUCCESS.next(CLOSE_UNPAID, TradeType.INSTANT))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(TradeStatus.WAIT_BUYER_PAY.isRefundable()).isFalse();
        assertThat(TradeStatus.TRADE_FINISHED.isRefundable()).isFalse();
        assertThat(TradeStatus.TRADE_CLOSED.isRefundable()).isFalse();
        assertThat(TradeStatus.WAIT_SELLER_SEND.next(REFUND_ALL, TradeType.ESCROW))
                .isEqualTo(TradeStatus.TRADE_CLOSED);
    }

    @Test
    void illegal_transitions_are_refused() {
        assertThatThrownBy(() -> TradeStatus.WAIT_SELLER_SEND.next(CONFIRM, TradeType.ESCROW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TradeStatus.TRADE_SUCCESS.next(SHIP, TradeType.INSTANT))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TradeStatus.TRADE_SUCCESS.next(PAY, TradeType.INSTANT))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TradeStatus.TRADE_CLOSED.next(FINISH, TradeType.INSTANT))
                .isInstanceOf(IllegalTransitionException.class);
        for (TradeStatus.Event event : TradeStatus.Event.values()) {
            assertThatThrownBy(() -> TradeStatus.TRADE_FINISHED.next(event, TradeType.ESCROW))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }
}
