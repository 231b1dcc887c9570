package io.wechatadvisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The names read before the configuration exists are the ones the configuration reads. */
class RulesLocationTest {

    @Test
    void theConfigurationReadsTheDirectoryUnderTheSameNames() {
        assertThat(configuredDir(new PropertiesConfigSource(Map.of(RulesLocation.PROPERTY, "/srv/rules"), "test", 400)))
                .contains("/srv/rules");
        assertThat(configuredDir(new EnvConfigSource(Map.of(RulesLocation.ENVIRONMENT, "/etc/rules"), 300)))
                .contains("/etc/rules");
        assertThat(configuredDir(new PropertiesConfigSource(Map.of(), "test", 400))).isEmpty();
    }

    @Test
    void aDirectorySetAsSystemPropertyIsSeenBeforeTheConfigurationExists() {
        assumeTrue(System.getenv(RulesLocation.ENVIRONMENT) == null, "ADVISOR_RULES_DIR is set for this JVM");
        assertThat(RulesLocation.directorySetBeforeStart()).isFalse();
        System.setProperty(RulesLocation.PROPERTY, " ");
        try {
            assertThat(RulesLocation.directorySetBeforeStart()).as("blank is unset").isFalse();
            System.setProperty(RulesLocation.PROPERTY, "/srv/rules");
            assertThat(RulesLocation.directorySetBeforeStart()).isTrue();
        } finally {
            System.clearProperty(RulesLocation.PROPERTY);
        }
    }

    private static Optional<String> configuredDir(ConfigSource source) {
        return new SmallRyeConfigBuilder().withMapping(AdvisorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(source).build().getConfigMapping(AdvisorConfig.class).rules().dir();
    }
}
