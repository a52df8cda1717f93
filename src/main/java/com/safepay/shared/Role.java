package com.safepay.shared;

/** Back-office roles. The names are used as Spring Security roles ({@code ROLE_MERCHANT} ...). */
public enum Role {
    /** Merchant owner or operator: sees and acts only on its own merchant. */
    MERCHANT,
    /** A merchant's finance staff: searches, exports and views balances; no money moves, no settings. */
    FINANCE,
    /** Platform administrator. */
    ADMIN;

    public static final String MERCHANT_NAME = "MERCHANT";
    public static final String FINANCE_NAME = "FINANCE";
    public static final String ADMIN_NAME = "ADMIN";

    public String authority() {
        return "ROLE_" + name();
    }
}
