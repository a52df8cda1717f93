/**
 * Withdrawals (提现) to verified bank accounts: a two-phase flow on the ledger, the bank payout
 * adapter (a sandbox by default), records and bank-account administration.
 */
@ApplicationModule(displayName = "Withdrawals")
package com.safepay.withdrawal;

import org.springframework.modulith.ApplicationModule;
