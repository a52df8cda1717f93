package com.safepay.ledger;

/** Kinds of business events that move money; with the business reference they identify an entry. */
public enum EntryType {
    /** Money paid in from outside (bank deposit, demo funding). */
    DEPOSIT,
    /** A buyer pays a trade: to the merchant (instant) or into escrow. */
    PAYMENT,
    /** An escrow trade is confirmed: escrow to the merchant, less the fee. */
    ESCROW_RELEASE,
    /** A refund to the buyer. */
    REFUND,
    /** A withdrawal is requested: available → withdrawing. */
    WITHDRAWAL_HOLD,
    /** The bank paid a withdrawal out: withdrawing → bank settlement. */
    WITHDRAWAL_PAYOUT,
    /** The bank declined a withdrawal: withdrawing → available. */
    WITHDRAWAL_RETURN
}
