package com.safepay.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cashier's address for a trade carries a token that only SafePay can compute: an HMAC-SHA256 of
 * the trade no (256 bits) under a key derived from the master secret. Trade numbers are sequential,
 * so without the token anyone could read any trade's merchant, subject and amount. Nothing is stored:
 * the same trade always gets the same link, and a new master secret invalidates the old links.
 */
@Component
public class CashierLinks {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final String publicBaseUrl;

    CashierLinks(@Value("${safepay.master-secret}") String masterSecret, PaymentProperties properties) {
        this.key = new SecretKeySpec(
                hmac(new SecretKeySpec(masterSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM), "cashier-link-v1"),
                ALGORITHM);
        this.publicBaseUrl = properties.publicBaseUrl();
    }

    /** The absolute URL that opens the cashier for this trade ({@code cashier_url}). */
    public String cashierUrl(String tradeNo) {
        return publicBaseUrl + "/" + cashierPath(tradeNo);
    }

    /** The cashier's path for this trade, relative to the application's root. */
    public String cashierPath(String tradeNo) {
        return "cashier/" + tradeNo + "/" + token(tradeNo);
    }

    /** Where the cashier sends the buyer back to the merchant, relative to the application's root. */
    public String returnPath(String tradeNo) {
        return "cashier/return/" + tradeNo + "/" + token(tradeNo);
    }

    /** Whether {@code token} is this trade's; compared in constant time. */
    public boolean isValid(String tradeNo, String token) {
        if (tradeNo == null || token == null || !tradeNo.matches("[0-9]{1,32}")) {
            return false;
        }
        return MessageDigest.isEqual(
                token(tradeNo).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }

    String token(String tradeNo) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, tradeNo));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
