package com.safepay.merchant;

import com.safepay.shared.RsaSignatures;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * SafePay's own RSA key pair, which signs every API response, notification and synchronous return.
 * Made on first start and kept in the database, the private key encrypted (AES-256-GCM, key derived
 * from the configured master secret with PBKDF2).
 */
@Service
public class PlatformKeys {

    private static final Logger log = LoggerFactory.getLogger(PlatformKeys.class);
    private static final int PBKDF2_ITERATIONS = 210_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final char[] masterSecret;
    private volatile KeyPair keyPair;

    PlatformKeys(JdbcClient jdbc, Clock clock, @Value("${safepay.master-secret}") String masterSecret) {
        if (masterSecret == null || masterSecret.length() < 16) {
            throw new IllegalStateException(
                    "safepay.master-secret (SAFEPAY_MASTER_SECRET) must have at least 16 characters");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.masterSecret = masterSecret.toCharArray();
    }

    @EventListener(ApplicationReadyEvent.class)
    void createOnFirstStart() {
        keyPair();
    }

    public PublicKey publicKey() {
        return keyPair().getPublic();
    }

    public String publicKeyPem() {
        return RsaSignatures.toPem(publicKey());
    }

    /** Signs {@code fields} (without {@code sign}/{@code sign_type}) with SafePay's private key. */
    public String sign(Map<String, String> fields) {
        return RsaSignatures.sign(fields, keyPair().getPrivate());
    }

    private KeyPair keyPair() {
        KeyPair current = keyPair;
        if (current == null) {
            synchronized (this) {
                if (keyPair == null) {
                    keyPair = loadOrCreate();
                }
                current = keyPair;
            }
        }
        return current;
    }

    private KeyPair loadOrCreate() {
        var stored = load();
        if (stored != null) {
            return stored;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair fresh = generator.generateKeyPair();
            jdbc.sql(
                            "insert into platform_key (id, public_key_pem, private_key_encrypted, created_at) values (1, ?, ?, ?)")
                    .params(
                            RsaSignatures.toPem(fresh.getPublic()),
                            encrypt(fresh.getPrivate()),
                            Timestamp.from(clock.instant()))
                    .update();
            log.info("Created SafePay's signing key pair");
            return fresh;
        } catch (DuplicateKeyException anotherInstanceWasFaster) {
            return load();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not create SafePay's key pair", e);
        }
    }

    private KeyPair load() {
        return jdbc.sql("select public_key_pem, private_key_encrypted from platform_key where id = 1")
                .query((rs, n) -> new KeyPair(RsaSignatures.readPublicKey(rs.getString(1)), decrypt(rs.getString(2))))
                .optional()
                .orElse(null);
    }

    private String encrypt(PrivateKey key) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] iv = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, aesKey(salt), new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal(RsaSignatures.toPem(key).getBytes(StandardCharsets.US_ASCII));
        Base64.Encoder b64 = Base64.getEncoder();
        return "v1:" + b64.encodeToString(salt) + ":" + b64.encodeToString(iv) + ":" + b64.encodeToString(sealed);
    }

    private PrivateKey decrypt(String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !"v1".equals(parts[0])) {
            throw new IllegalStateException("Unknown format of SafePay's stored private key");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, aesKey(b64.decode(parts[1])), new GCMParameterSpec(128, b64.decode(parts[2])));
            String pem = new String(cipher.doFinal(b64.decode(parts[3])), StandardCharsets.US_ASCII);
            return RsaSignatures.readPrivateKey(pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot decrypt SafePay's private key: is safepay.master-secret the one it was created with?", e);
        }
    }

    private SecretKeySpec aesKey(byte[] salt) throws GeneralSecurityException {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] key = factory.generateSecret(new PBEKeySpec(masterSecret, salt, PBKDF2_ITERATIONS, 256))
                .getEncoded();
        return new SecretKeySpec(key, "AES");
    }
}
