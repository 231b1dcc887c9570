package io.wechatadvisor.tenants.domain;

import java.security.MessageDigest;
import java.time.Instant;

/**
 * One API key of a tenant, as stored: its public id and the SHA-256 hash of the key, never the key.
 * A rotated key has {@code expiresAt} (the end of its grace period); a revoked one {@code revokedAt}.
 */
public record TenantKey(String keyId, String tenantId, byte[] hash, Instant createdAt, Instant expiresAt,
        Instant revokedAt) {

    /** Whether the key is usable at {@code now}. */
    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** Whether {@code key} is this key: compares the hashes in constant time. */
    public boolean matches(String key) {
        return MessageDigest.isEqual(ApiKeys.hash(key), hash);
    }
}
