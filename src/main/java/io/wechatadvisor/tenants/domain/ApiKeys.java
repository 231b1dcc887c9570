package io.wechatadvisor.tenants.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tenant API keys: {@code wak_<keyId>_<secret>}, where the key id (12 hex digits) is public and
 * names the stored key, and the secret is 32 random bytes (base64url). The recognisable prefix
 * lets secret scanners find a leaked key.
 */
public final class ApiKeys {

    public static final String PREFIX = "wak_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_ID_BYTES = 6;
    private static final int SECRET_BYTES = 32;

    private ApiKeys() {
    }

    /** A new key id. */
    public static String newKeyId() {
        byte[] id = new byte[KEY_ID_BYTES];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A new key with the given id. */
    public static String newKey(String keyId) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The key id of something shaped like a key, or null. */
    public static String keyId(String key) {
        int idLength = KEY_ID_BYTES * 2;
        if (key == null || !key.startsWith(PREFIX) || key.length() <= PREFIX.length() + idLength + 1
                || key.charAt(PREFIX.length() + idLength) != '_') {
            return null;
        }
        return key.substring(PREFIX.length(), PREFIX.length() + idLength);
    }

    /** The SHA-256 of a key. */
    public static byte[] hash(String key) {
        return sha256(key.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
