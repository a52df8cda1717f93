package com.safepay.ledger;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Folds pending postings into balances every second; several instances share the work. */
@Component
class LedgerRollUp {

    private final LedgerService ledger;

    LedgerRollUp(LedgerService ledger) {
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${safepay.ledger.roll-up-interval:1s}")
    void rollUp() {
        ledger.rollUp(1000);
    }
}
