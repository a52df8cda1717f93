package com.safepay.merchant;

public enum MerchantStatus {
    ACTIVE,
    DISABLED
}
