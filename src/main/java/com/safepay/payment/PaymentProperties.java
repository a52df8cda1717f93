package com.safepay.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param autoConfirmAfter an escrow trade confirms itself this long after shipping
 * @param refundWindow a paid trade is refundable this long after payment, then finishes
 * @param passwordFreeLimitFen payments above this need the payment password (default ¥200)
 * @param publicBaseUrl where buyers reach SafePay; cashier URLs start with it
 * @param writerLanes how many transactions write trade creations and payments at once (default 3)
 * @param writerBatch at most this many creations and payments share one transaction (default 64)
 */
@ConfigurationProperties("safepay.payment")
public record PaymentProperties(
        Duration autoConfirmAfter,
        Duration refundWindow,
        long passwordFreeLimitFen,
        String publicBaseUrl,
        int writerLanes,
        int writerBatch) {

    public PaymentProperties {
        if (autoConfirmAfter == null) {
            autoConfirmAfter = Duration.ofDays(10);
        }
        if (refundWindow == null) {
            refundWindow = Duration.ofDays(90);
        }
        if (passwordFreeLimitFen < 0) {
            throw new IllegalArgumentException("safepay.payment.password-free-limit-fen must not be negative");
        }
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            publicBaseUrl = "http://localhost:8080";
        }
        if (writerLanes <= 0) {
            writerLanes = 3;
        }
        if (writerBatch <= 0) {
            writerBatch = 64;
        }
        publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }
}
