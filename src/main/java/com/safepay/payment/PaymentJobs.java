package com.safepay.payment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Time-driven transitions: unpaid trades close at their timeout, shipped escrow trades confirm
 * themselves, successful trades finish when the refund window ends. Each batch claims its rows with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances share the work without doing any twice.
 */
@Configuration
@EnableConfigurationProperties(PaymentProperties.class)
class PaymentJobs {

    private static final int BATCH = 200;

    private final TradeService trades;

    PaymentJobs(TradeService trades) {
        this.trades = trades;
    }

    @Scheduled(
            fixedDelayString = "${safepay.payment.jobs-interval:10s}",
            initialDelayString = "${safepay.payment.jobs-initial-delay:5s}")
    void run() {
        while (trades.closeExpired(BATCH) == BATCH) {
            // more are due
        }
        while (trades.autoConfirm(BATCH) == BATCH) {
            // more are due
        }
        while (trades.finishDue(BATCH) == BATCH) {
            // more are due
        }
    }
}
