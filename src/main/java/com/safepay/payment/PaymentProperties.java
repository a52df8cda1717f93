package com.safepay.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param autoConfirmAfter an escrow trade confirms itself this long after shipping
 * @param refundWindow a paid trade is refundable this long after payment, then finishes
 * @param passwordFreeLimitFen payments above this need the payment password (default ¥200)
 * @param publicBaseUrl where buyers reach SafePay; cashier URLs start with it
 * @param writerLanes how many transactions write trade creations and payments at once (default 2)
 * @param writerBatch at most this many creations and payments share one transaction (default 64)
 * @param writerGatherBatch under load, a writer lane waits for this many creations and payments
 *     before it starts a transaction (default 8) ...
 * @param writerGather ... but no longer than this (default 300 µs; 0: never waits)
 */
@ConfigurationProperties("safepay.payment")
public record PaymentProperties(
        Duration autoConfirmAfter,
        Duration refundWindow,
        long passwordFreeLimitFen,
        String publicBaseUrl,
        int writerLanes,
        int writerBatch,
        int writerGatherBatch,
        Duration writerGather) {

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
            writerLanes = 2;
        }
        if (writerBatch <= 0) {
            writerBatch = 64;
        }
        if (writerGatherBatch <= 0) {
            writerGatherBatch = 8;
        }
        if (writerGather == null) {
            writerGather = Duration.ofNanos(300_000);
        }
        if (writerGather.isNegative()) {
            throw new IllegalArgumentException("safepay.payment.writer-gather must not be negative");
        }
        publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }
}
