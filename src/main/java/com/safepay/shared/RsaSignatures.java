package com.safepay.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * RSA2 signatures as the merchant API defines them: SHA256withRSA over the canonical content (every
 * field but {@code sign} and {@code sign_type} with a non-empty value, sorted by key, joined as
 * {@code key=value} with {@code &}, raw values), Base64 with the standard alphabet.
 */
public final class RsaSignatures {

    public static final String SIGN = "sign";
    public static final String SIGN_TYPE = "sign_type";
    public static final String RSA2 = "RSA2";

    private RsaSignatures() {}

    /** The text that is signed. Keys sort in the byte order of their UTF-8 form, as the contract says. */
    public static String canonicalContent(Map<String, String> fields) {
        TreeMap<String, String> sorted = new TreeMap<>(RsaSignatures::compareUtf8);
        fields.forEach((key, value) -> {
            if (!SIGN.equals(key) && !SIGN_TYPE.equals(key) && value != null && !value.isEmpty()) {
                sorted.put(key, value);
            }
        });
        return sorted.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    public static String sign(Map<String, String> fields, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(canonicalContent(fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign", e);
        }
    }

    /** True when {@code fields.sign} is a valid signature of the other fields by {@code key}. */
    public static boolean verify(Map<String, String> fields, PublicKey key) {
        String sign = fields.get(SIGN);
        if (sign == null || sign.isEmpty() || key == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(canonicalContent(fields).getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(sign));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Reads an X.509 SubjectPublicKeyInfo PEM ({@code BEGIN PUBLIC KEY}) holding an RSA key of at
     * least 2048 bits.
     *
     * @throws IllegalArgumentException when it is anything else
     */
    public static PublicKey readPublicKey(String pem) {
        try {
            byte[] der = pemBody(pem, "PUBLIC KEY");
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (((RSAPublicKey) key).getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("RSA key shorter than 2048 bits");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("Not an RSA public key in PEM form: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an RSA private key in PKCS#8 PEM form", e);
        }
    }

    public static String toPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem, String type) {
        if (pem == null) {
            throw new IllegalArgumentException("empty");
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("missing " + begin);
        }
        String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static int compareUtf8(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
