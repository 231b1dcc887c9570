package io.wechatadvisor.recommendation.ruleset;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/** The project's rules plus one extra DRL file, for tests of what the service refuses. */
final class TestDrl {

    static final String FILE = "zz-extra.drl";

    private TestDrl() {
    }

    /** A rule of the facts package with complete metadata (an existing id, so its texts exist). */
    static String rule(String name, String when, String then) {
        return """
                package io.wechatadvisor.recommendation.domain;
                global Verdict verdict;

                rule "%s"
                    @id("FIT-OFFLINE") @source("MP-VS-OFFICIAL") @asOf("2026-11-24")
                when
                    %s
                then
                    %s
                end
                """.formatted(name, when, then);
    }

    /** The project's rule files with {@code drl} added as {@value #FILE}. */
    static RuleFiles withExtra(String drl) {
        SortedMap<String, byte[]> files = new TreeMap<>(RuleFiles.fromDirectory(TestRules.DIR).files());
        files.put(FILE, drl.getBytes(StandardCharsets.UTF_8));
        return new RuleFiles("test", files);
    }

    /** Compiled without the allow-list: what the evaluation bounds and candidate checks stand behind. */
    static RuleSet compileUnchecked(RuleFiles files) throws RuleLoadException {
        return RuleSetCompiler.build(files, RuleSetCompiler.compilePackages(files));
    }
}
