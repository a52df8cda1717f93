package com.safepay.merchant;

import java.time.Instant;
import java.time.ZoneId;

/** What other features may know of a merchant. */
public record MerchantView(
        long id,
        MerchantNo merchantNo,
        String name,
        String sellerAccount,
        MerchantStatus status,
        ZoneId zone,
        boolean realNameVerified,
        Instant createdAt) {}
