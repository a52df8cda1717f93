package com.safepay.ledger;

/** The ledger invariants over random trade sequences, on H2 (the embedded default). */
class LedgerInvariantsOnH2Properties extends LedgerInvariantsContract {

    @Override
    boolean onPostgres() {
        return false;
    }
}
