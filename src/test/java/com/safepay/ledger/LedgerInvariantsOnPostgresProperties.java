package com.safepay.ledger;

/** The ledger invariants over random trade sequences, on PostgreSQL (production). */
class LedgerInvariantsOnPostgresProperties extends LedgerInvariantsContract {

    @Override
    boolean onPostgres() {
        return true;
    }
}
