/**
 * Trades and their state machine, fees, refunds, buyers and the cashier, and the merchant API
 * ({@code api}). Money moves only through the ledger.
 */
@ApplicationModule(displayName = "Payment")
package com.safepay.payment;

import org.springframework.modulith.ApplicationModule;
