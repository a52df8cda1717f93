package com.safepay.payment;

/** A wallet holder who pays in the cashier. */
public record Buyer(long id, String loginName, String displayName, String mobile, long walletAccountId) {

    /** The account as merchants see it: {@code 138****5678} or {@code ali***@example.com}. */
    public String maskedAccount() {
        int at = loginName.indexOf('@');
        if (at > 0) {
            String name = loginName.substring(0, at);
            return name.substring(0, Math.min(3, name.length())) + "***" + loginName.substring(at);
        }
        if (loginName.length() >= 7) {
            return loginName.substring(0, 3) + "****" + loginName.substring(loginName.length() - 4);
        }
        return loginName.charAt(0) + "***";
    }
}
