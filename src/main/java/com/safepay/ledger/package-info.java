/**
 * The double-entry ledger shared by the engine and the back office. {@link com.safepay.ledger.LedgerService}
 * is the only way money moves.
 */
@ApplicationModule(displayName = "Ledger")
package com.safepay.ledger;

import org.springframework.modulith.ApplicationModule;
