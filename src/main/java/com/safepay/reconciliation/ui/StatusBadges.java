package com.safepay.reconciliation.ui;

import com.safepay.payment.TradeStatus;
import com.safepay.shared.ui.Badge;
import java.util.function.Function;

/** A trade status as a coloured badge. */
final class StatusBadges {

    private StatusBadges() {}

    static Badge of(TradeStatus status, Function<String, String> translate) {
        String variant = switch (status) {
            case TRADE_SUCCESS, TRADE_FINISHED -> "success";
            case TRADE_CLOSED -> "error";
            case WAIT_BUYER_PAY -> "contrast";
            case WAIT_SELLER_SEND, WAIT_BUYER_CONFIRM -> "warning";
        };
        Badge badge = new Badge(translate.apply("recon.status." + status.name()), variant);
        badge.getElement().setAttribute("data-status", status.name());
        return badge;
    }
}
