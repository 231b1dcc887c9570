package io.wechatadvisor.recommendation.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wechatadvisor.recommendation.domain.RuleInfo;

class RuleSetCompilerTest {

    @TempDir
    Path temp;

    @Test
    void theProjectRulesLoadWithTheirMetadata() {
        RuleSet rules = TestRules.live();
        assertThat(rules.rules()).as("rules loaded from rules/").hasSizeGreaterThan(40);
        for (RuleInfo rule : rules.rules()) {
            assertThat(rule.asOf()).as(rule.name()).isNotNull();
            assertThat(rule.source() != null || rule.judgement()).as(rule.name()).isTrue();
            assertThat(rule.file()).as(rule.name()).endsWith(".drl");
        }
        assertThat(rules.bands().strong()).isGreaterThan(rules.bands().good());
        assertThat(rules.version()).matches("[0-9a-f]{16}");
    }

    @Test
    void thePackagedCopyIsTheSameRuleSet() {
        RuleFiles bundled = RuleFiles.bundled();
        assertThat(bundled.version()).isEqualTo(RuleFiles.fromDirectory(TestRules.DIR).version());
        assertThat(bundled.scenarios()).isNotEmpty();
    }

    @Test
    void aSyntaxErrorIsRefusedWithItsFileAndLine() throws IOException {
        Path dir = copyOfRules();
        Files.writeString(dir.resolve("broken.drl"), """
                package io.wechatadvisor.recommendation.domain;

                rule "broken"
                    @id("FIT-BROKEN") @source("ACCOUNT-TYPES") @asOf("2026-11-24")
                when
                    Profile( wantsPayment ==
                then
                end
                """);
        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleFiles.fromDirectory(dir)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo("broken.drl");
                    assertThat(e.line()).isBetween(6, 8);
                });
    }

    @Test
    void aRuleWithoutItsIdOrDateIsRefused() throws IOException {
        Path dir = copyOfRules();
        Files.writeString(dir.resolve("extra.drl"), """
                package io.wechatadvisor.recommendation.domain;
                global Verdict verdict;
                rule "No id"
                when
                    Profile()
                then
                end
                """);
        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleFiles.fromDirectory(dir)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo("extra.drl");
                    assertThat(e.getMessage()).contains("No id", "@id");
                });
    }

    @Test
    void everyFactCarriesTheSourcesOwnWords() {
        RuleSet rules = TestRules.live();
        for (RuleInfo rule : rules.rules()) {
            if (!rule.judgement()) {
                assertThat(rule.evidence()).as(rule.name()).isNotNull();
            }
            if (rule.evidence() != null) {
                assertThat(rule.evidence().source()).isEqualTo(rule.source());
                assertThat(rules.sources().get(rule.source()).text()).as(rule.name()).contains(rule.evidence().quote());
            }
        }
        assertThat(rules.sources().keySet()).containsExactly("ACCOUNT-TYPES", "MP-PERSONAL-VS-ENTERPRISE",
                "MP-VS-MICROSTORE", "MP-VS-OFFICIAL", "MP-VS-OFFICIAL-2");
    }

    @Test
    void aQuoteIsFoundWhateverItsSpacingAndQuoteMarksAndAnswersInTheSourcesOwn() throws Exception {
        Path dir = copyOfRules();
        replace(dir.resolve("warnings.drl"), "selectively conduct “small mass messaging” without",
                "selectively   conduct\n     \"small mass messaging\" without");
        RuleSet rules = RuleSetCompiler.compile(RuleFiles.fromDirectory(dir));
        RuleInfo rule = rules.rules().stream().filter(r -> r.id().equals("WARN-SMALL-MASS-MESSAGING")).findFirst().orElseThrow();
        assertThat(rule.evidence().quote()).contains("selectively conduct “small mass messaging” without");
    }

    @Test
    void aQuoteNotInItsSourceIsRefusedNamingTheFileAndRule() throws IOException {
        Path dir = copyOfRules();
        replace(dir.resolve("warnings.drl"), "cannot be changed into a subscription account.",
                "can be changed into a subscription account.");
        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleFiles.fromDirectory(dir)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo("warnings.drl");
                    assertThat(e.getMessage()).contains("A service account can never become a subscription account",
                            "@quote is not found in sources/ACCOUNT-TYPES.txt");
                });
    }

    @Test
    void aFactWithoutAQuoteIsRefused() throws IOException {
        Path dir = copyOfRules();
        replace(dir.resolve("warnings.drl"), "    @quote(\"A service account cannot be changed into a subscription account.\")\n", "");
        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleFiles.fromDirectory(dir)))
                .isInstanceOfSatisfying(RuleLoadException.class,
                        e -> assertThat(e.getMessage()).contains("never become a subscription account", "needs @quote"));
    }

    @Test
    void aRuleCitingASourceThatIsNotThereIsRefused() throws IOException {
        Path other = copyOfRules();
        Files.delete(other.resolve("sources/MP-VS-OFFICIAL-2.txt"));
        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleFiles.fromDirectory(other)))
                .isInstanceOfSatisfying(RuleLoadException.class,
                        e -> assertThat(e.getMessage()).contains("there is no sources/MP-VS-OFFICIAL-2.txt"));
    }

    @Test
    void aJudgementWithoutARationaleIsRefused() throws IOException {
        Path dir = copyOfRules();
        for (String bundle : new String[] {"i18n/messages_en.properties", "i18n/messages_zh_CN.properties"}) {
            Path path = dir.resolve(bundle);
            Files.writeString(path, Files.readString(path).lines().filter(l -> !l.startsWith("rationale.FIT-MULTI-LOCATION"))
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleFiles.fromDirectory(dir)))
                .isInstanceOfSatisfying(RuleLoadException.class,
                        e -> assertThat(e.getMessage()).contains("rationale.FIT-MULTI-LOCATION"));
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String content = Files.readString(file);
        assertThat(content).contains(from);
        Files.writeString(file, content.replace(from, to));
    }

    @Test
    void aMissingTranslationIsRefused() throws IOException {
        Path dir = copyOfRules();
        Path chinese = dir.resolve("i18n/messages_zh_CN.properties");
        String kept = Files.readAllLines(chinese, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("WARN-MP-REVIEW=")).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(chinese, kept, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleFiles.fromDirectory(dir)))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo("i18n/messages_zh_CN.properties");
                    assertThat(e.getMessage()).contains("WARN-MP-REVIEW");
                });
    }

    @Test
    void aDirectoryWithoutRulesIsRefused() {
        assertThatThrownBy(() -> RuleSetCompiler.compile(RuleFiles.fromDirectory(temp)))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("no rule files");
    }

    @Test
    void theVersionFollowsRulesAndTextsButNotScenarios() throws IOException {
        Path dir = copyOfRules();
        String original = RuleFiles.fromDirectory(dir).version();
        Files.writeString(dir.resolve("scenarios/99-extra.json"), "{}");
        Files.writeString(dir.resolve(".hidden.drl"), "not read");
        assertThat(RuleFiles.fromDirectory(dir).version()).isEqualTo(original);
        Files.writeString(dir.resolve("weights.drl"),
                Files.readString(dir.resolve("weights.drl")).replace("BASE_ELIGIBLE(40)", "BASE_ELIGIBLE(41)"));
        assertThat(RuleFiles.fromDirectory(dir).version()).isNotEqualTo(original);
    }

    @Test
    void aLinkOutOfTheRulesDirectoryIsNotFollowed() throws IOException {
        Path dir = copyOfRules();
        Path outside = Files.writeString(temp.resolve("secret.drl"), "outside");
        Files.createSymbolicLink(dir.resolve("linked.drl"), outside);
        assertThat(RuleFiles.fromDirectory(dir).files()).doesNotContainKey("linked.drl").containsKey("needs.drl");
    }

    @Test
    void aConfigMapsFlatKeysReadAsFolders() throws IOException {
        Path flat = Files.createDirectories(temp.resolve("configmap"));
        RuleFiles.fromDirectory(TestRules.DIR).files().forEach((path, content) -> {
            try {
                Files.write(flat.resolve(path.replace("/", "__")), content);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        RuleFiles files = RuleFiles.fromDirectory(flat);
        assertThat(files.files()).containsKey("i18n/messages_zh_CN.properties").containsKey("scenarios/01-yoga-teacher.json");
        assertThat(files.version()).isEqualTo(TestRules.live().version());
    }

    private Path copyOfRules() throws IOException {
        Path target = temp.resolve("rules");
        try (Stream<Path> walk = Files.walk(TestRules.DIR)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path copy = target.resolve(TestRules.DIR.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }
}
