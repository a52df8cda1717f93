package com.safepay.merchant;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What other features may know of a merchant.
 *
 * @param feeRatePpm the fee rate in parts per million of the amount (6000 = 0.6%)
 */
public record MerchantView(
        long id,
        MerchantNo merchantNo,
        String name,
        String sellerAccount,
        MerchantStatus status,
        ZoneId zone,
        boolean realNameVerified,
        Instant createdAt,
        int feeRatePpm,
        boolean hasPublicKey) {

    public boolean isActive() {
        return status == MerchantStatus.ACTIVE;
    }
}
