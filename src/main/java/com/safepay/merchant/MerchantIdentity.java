package com.safepay.merchant;

/**
 * What never changes about a merchant once registered: its id, merchant no and seller account. Safe
 * to keep in memory for as long as the process runs.
 */
public record MerchantIdentity(long id, MerchantNo merchantNo, String sellerAccount) {}
