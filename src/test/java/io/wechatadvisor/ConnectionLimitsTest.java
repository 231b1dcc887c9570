package io.wechatadvisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The service as it ships bounds what slow or many clients can hold: an idle connection (a request
 * half sent, or a keep-alive connection left open) is closed after minutes at most, not Quarkus'
 * 30 minutes, and the number of connections is capped below the usual file handle limits.
 * {@link SlowClientTest} shows the idle timeout cutting a half-sent request off.
 */
@QuarkusTest
class ConnectionLimitsTest {

    private final Config config = ConfigProvider.getConfig();

    @Test
    void idleConnectionsAreClosedWithinTwoMinutes() {
        assertThat(config.getValue("quarkus.http.idle-timeout", Duration.class)).isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(config.getValue("quarkus.http.read-timeout", Duration.class)).isLessThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void connectionsAreCapped() {
        assertThat(config.getOptionalValue("quarkus.http.limits.max-connections", Integer.class))
                .hasValueSatisfying(cap -> assertThat(cap).isBetween(100, 10_000));
    }
}
