package io.wechatadvisor.config;

/**
 * Where the rules come from: the directory {@code advisor.rules.dir} ({@link AdvisorConfig.Rules#dir()}),
 * or, unset, the rules packaged with the application. Once Quarkus runs, the configuration answers.
 * The packaged service's entry point must know sooner, before Quarkus' configuration exists (it reads
 * the packaged rules ahead, beside Quarkus' own start): then only the two places a deployment sets it
 * can be read, the system property and the environment variable, both named here once. A directory
 * set in an {@code application.properties} instead still serves; the packaged rules are then read
 * ahead for nothing.
 */
public final class RulesLocation {

    /** The property of {@link AdvisorConfig.Rules#dir()}. */
    public static final String PROPERTY = "advisor.rules.dir";

    /** The same as an environment variable (MicroProfile Config's name for {@link #PROPERTY}). */
    public static final String ENVIRONMENT = "ADVISOR_RULES_DIR";

    private RulesLocation() {
    }

    /** Whether a rules directory is set as a system property or environment variable. */
    public static boolean directorySetBeforeStart() {
        return isSet(System.getProperty(PROPERTY)) || isSet(System.getenv(ENVIRONMENT));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
