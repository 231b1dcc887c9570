package io.wechatadvisor.recommendation.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.wechatadvisor.recommendation.api.ReloadProfile;

/**
 * The service with an admin token, a fresh embedded database and a scratch copy of rules/ that only
 * an explicit reload takes live (the watch is slowed to once an hour, so a test decides when).
 */
public class SimulationProfile implements QuarkusTestProfile {

    static final String TOKEN = "simulation-admin-token";
    static final Path RULES = scratch("advisor-simulation-rules");

    private static Path scratch(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            ReloadProfile.restore(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of("advisor.admin-token", TOKEN,
                    "advisor.rules.dir", RULES.toString(),
                    "advisor.rules.watch-interval", "1h",
                    "advisor.data-dir", Files.createTempDirectory("advisor-simulation-data").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
