package com.safepay.withdrawal;

import java.time.Instant;

/** A merchant's bank account; the number is always masked here. */
public record BankAccount(
        long id,
        long merchantId,
        String holderName,
        Bank bank,
        String branch,
        String maskedNumber,
        BankAccountStatus status,
        Instant createdAt,
        String createdBy,
        Instant verifiedAt,
        String verifiedBy) {

    public boolean isUsable() {
        return status == BankAccountStatus.VERIFIED;
    }

    /** Disabled without ever being verified: an admin turned the request down. */
    public boolean wasRejected() {
        return status == BankAccountStatus.DISABLED && verifiedAt == null;
    }
}
