package com.safepay.merchant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

@Entity
@Table(name = "merchant")
class Merchant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "merchant_no", nullable = false, updatable = false)
    private String merchantNo;

    @Column(nullable = false)
    private String name;

    @Column(name = "seller_account", nullable = false)
    private String sellerAccount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MerchantStatus status;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "real_name_verified", nullable = false)
    private boolean realNameVerified;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "fee_rate_ppm", nullable = false)
    private int feeRatePpm = 6000;

    @Column(name = "public_key_pem")
    private String publicKeyPem;

    @Column(name = "public_key_uploaded_at")
    private Instant publicKeyUploadedAt;

    @Column(name = "payment_password_hash")
    private String paymentPasswordHash;

    @Column(name = "payment_password_failures", nullable = false)
    private int paymentPasswordFailures;

    @Column(name = "payment_password_failure_day")
    private LocalDate paymentPasswordFailureDay;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    protected Merchant() {}

    Merchant(MerchantNo merchantNo, String name, String sellerAccount, ZoneId zone, Instant createdAt) {
        this.merchantNo = merchantNo.value();
        this.name = name;
        this.sellerAccount = sellerAccount;
        this.status = MerchantStatus.ACTIVE;
        this.timeZone = zone.getId();
        this.createdAt = createdAt;
    }

    void uploadPublicKey(String pem, Instant at) {
        this.publicKeyPem = pem;
        this.publicKeyUploadedAt = at;
    }

    void setPaymentPasswordHash(String hash) {
        this.paymentPasswordHash = hash;
        this.paymentPasswordFailures = 0;
        this.paymentPasswordFailureDay = null;
    }

    String paymentPasswordHash() {
        return paymentPasswordHash;
    }

    /** Failures counted today; yesterday's do not count. */
    int paymentPasswordFailuresOn(LocalDate day) {
        return day.equals(paymentPasswordFailureDay) ? paymentPasswordFailures : 0;
    }

    void recordPaymentPasswordFailure(LocalDate day) {
        paymentPasswordFailures = paymentPasswordFailuresOn(day) + 1;
        paymentPasswordFailureDay = day;
    }

    void resetPaymentPasswordFailures() {
        paymentPasswordFailures = 0;
        paymentPasswordFailureDay = null;
    }

    void setRealNameVerified(boolean verified, Instant at) {
        this.realNameVerified = verified;
        this.verifiedAt = verified ? at : null;
    }

    String publicKeyPem() {
        return publicKeyPem;
    }

    Instant publicKeyUploadedAt() {
        return publicKeyUploadedAt;
    }

    MerchantView toView() {
        return new MerchantView(
                id,
                new MerchantNo(merchantNo),
                name,
                sellerAccount,
                status,
                ZoneId.of(timeZone),
                realNameVerified,
                createdAt,
                feeRatePpm,
                publicKeyPem != null);
    }
}
