package com.safepay.merchant;

import java.util.regex.Pattern;

/** A merchant number (商户编号): {@code 2088} followed by 12 digits. */
public record MerchantNo(String value) {

    private static final Pattern FORMAT = Pattern.compile("2088[0-9]{12}");

    public MerchantNo {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a merchant no: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
