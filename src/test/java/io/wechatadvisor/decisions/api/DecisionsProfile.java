package io.wechatadvisor.decisions.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with an admin token and a fresh embedded database of its own. */
public class DecisionsProfile implements QuarkusTestProfile {

    public static final String TOKEN = "decisions-admin-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of("advisor.admin-token", TOKEN,
                    "advisor.data-dir", Files.createTempDirectory("advisor-decisions").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
