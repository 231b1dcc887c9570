package io.wechatadvisor.recommendation.ruleset;

import java.nio.file.Path;

/** The project's rules/ folder, compiled once per test JVM. */
public final class TestRules {

    public static final Path DIR = Path.of("rules");

    private static RuleSet live;

    private TestRules() {
    }

    public static synchronized RuleSet live() {
        if (live == null) {
            try {
                live = RuleSetCompiler.compile(RuleFiles.fromDirectory(DIR));
            } catch (RuleLoadException e) {
                throw new AssertionError(e.file() + ":" + e.line() + ": " + e.getMessage(), e);
            }
        }
        return live;
    }
}
