package io.wechatadvisor.tenants.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TenantKeyTest {

    private static final Instant NOW = Instant.parse("2027-01-31T08:00:00Z");

    private static TenantKey key(String secret, Instant expiresAt, Instant revokedAt) {
        return new TenantKey(ApiKeys.keyId(secret), "acme", ApiKeys.hash(secret), NOW, expiresAt, revokedAt);
    }

    @Test
    void aKeyMatchesOnlyItselfAndNamesItsId() {
        String keyId = ApiKeys.newKeyId();
        String secret = ApiKeys.newKey(keyId);
        assertThat(ApiKeys.keyId(secret)).isEqualTo(keyId);
        assertThat(key(secret, null, null).matches(secret)).isTrue();
        assertThat(key(secret, null, null).matches(ApiKeys.newKey(keyId))).isFalse();
        assertThat(ApiKeys.keyId("wak_short")).isNull();
        assertThat(ApiKeys.keyId("Bearer x")).isNull();
    }

    @Test
    void aRotatedKeyIsValidUntilItsGracePeriodEndsAndARevokedOneNever() {
        String secret = ApiKeys.newKey(ApiKeys.newKeyId());
        TenantKey rotated = key(secret, NOW.plus(Duration.ofHours(24)), null);
        assertThat(rotated.validAt(NOW.plus(Duration.ofHours(23)))).isTrue();
        assertThat(rotated.validAt(NOW.plus(Duration.ofHours(24)))).isFalse();
        assertThat(key(secret, null, NOW).validAt(NOW.minusSeconds(1))).isFalse();
        assertThat(key(secret, null, null).validAt(NOW.plus(Duration.ofDays(3650)))).isTrue();
    }
}
