package com.safepay.merchant;

import com.safepay.shared.AuditEvent;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.RsaSignatures;
import jakarta.annotation.security.RolesAllowed;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Merchants' RSA public keys, which verify their API requests. */
@Service
public class MerchantKeys {

    /** Parsed keys by merchant id and upload time, so that a new upload is seen at once. */
    private final Map<Long, CachedKey> cache = new ConcurrentHashMap<>();

    private final MerchantRepository merchants;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MerchantKeys(MerchantRepository merchants, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.merchants = merchants;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    private record CachedKey(Instant uploadedAt, PublicKey key) {}

    /** The key that verifies this merchant's requests; for the API, which runs without a user. */
    @Transactional(readOnly = true)
    public Optional<PublicKey> publicKeyForSystem(long merchantId) {
        return merchants
                .findById(merchantId)
                .filter(m -> m.publicKeyPem() != null)
                .map(m -> {
                    CachedKey cached = cache.get(merchantId);
                    if (cached == null || !cached.uploadedAt().equals(m.publicKeyUploadedAt())) {
                        cached = new CachedKey(m.publicKeyUploadedAt(), RsaSignatures.readPublicKey(m.publicKeyPem()));
                        cache.put(merchantId, cached);
                    }
                    return cached.key();
                });
    }

    /** The signed-in merchant's registered public key in PEM form, if any. */
    @RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
    @Transactional(readOnly = true)
    public Optional<String> myPublicKeyPem() {
        return merchants.findById(myMerchantId()).map(Merchant::publicKeyPem);
    }

    /**
     * Registers the signed-in merchant's RSA public key (PEM, X.509 SubjectPublicKeyInfo, at least
     * 2048 bits).
     *
     * @throws IllegalArgumentException when the text is not such a key; nothing changes then
     */
    @RolesAllowed(Role.MERCHANT_NAME)
    @Transactional
    public void uploadMyPublicKey(String pem) {
        store(myMerchantId(), pem, currentUser.require().username());
    }

    /** Registers a merchant's key for platform set-up (demo data, admins). */
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public void uploadPublicKey(long merchantId, String pem, String actor) {
        store(merchantId, pem, actor);
    }

    private void store(long merchantId, String pem, String actor) {
        PublicKey key = RsaSignatures.readPublicKey(pem);
        Merchant merchant = merchants.findById(merchantId).orElseThrow();
        merchant.uploadPublicKey(RsaSignatures.toPem(key), clock.instant());
        events.publishEvent(new AuditEvent(
                actor,
                "MERCHANT_KEY_UPLOAD",
                merchant.toView().merchantNo().value(),
                AuditEvent.Outcome.SUCCESS,
                null,
                null));
    }

    private long myMerchantId() {
        Long id = currentUser.require().merchantId();
        if (id == null) {
            throw new AccessDeniedException("User belongs to no merchant");
        }
        return id;
    }
}
