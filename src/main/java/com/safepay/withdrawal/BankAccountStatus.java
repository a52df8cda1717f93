package com.safepay.withdrawal;

public enum BankAccountStatus {
    /** Added, waiting for an admin to verify it. */
    PENDING,
    VERIFIED,
    DISABLED
}
