package io.wechatadvisor.recommendation.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.evaluation.EvaluationException;

/** What a candidate rule set must get through before it goes live, and the bounds of an evaluation. */
class CandidateChecksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void aCheckThatDoesNotFinishInTimeIsRefusedAndTheNextOneRuns() throws RuleLoadException {
        assertThatThrownBy(() -> LiveRules.CandidateCheck.run(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait(); // stands for a rule that loops
            }
            return null;
        }, Duration.ofMillis(50)))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("advisor.rules.check-timeout");
        assertThat(LiveRules.CandidateCheck.run(TestRules::live, TIMEOUT)).isSameAs(TestRules.live());
    }

    @Test
    void anErrorInTheCheckIsARefusalWithoutClassNames() {
        assertThatThrownBy(() -> LiveRules.CandidateCheck.run(() -> {
            throw new StackOverflowError();
        }, TIMEOUT)).isInstanceOf(RuleLoadException.class).hasMessageContaining("nested too deeply")
                .message().doesNotContain("StackOverflowError");
        assertThatThrownBy(() -> LiveRules.CandidateCheck.run(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, TIMEOUT)).isInstanceOf(RuleLoadException.class).hasMessageContaining("more memory");
    }

    @Test
    void deeplyNestedConditionsAreRefusedNotFatal() {
        String nested = "(".repeat(20_000) + "wantsPayment" + ")".repeat(20_000);
        RuleFiles files = TestDrl.withExtra(TestDrl.rule("deep", "Profile( " + nested + " )",
                "verdict.score(drools, Product.MICRO_STORE, Weight.MVP.getPoints());"));
        assertThatThrownBy(() -> LiveRules.CandidateCheck.run(() -> RuleSetCompiler.compile(files), TIMEOUT))
                .isInstanceOf(RuleLoadException.class);
    }

    @Test
    void aRuleThatFiresForeverIsStoppedByTheFiringBound() throws RuleLoadException {
        RuleSet rules = TestDrl.compileUnchecked(TestDrl.withExtra(TestDrl.rule("again and again",
                "$p : Profile( wantsPayment )", "update($p);")));
        assertThatThrownBy(() -> rules.advise(profile(true))).isInstanceOf(EvaluationException.class)
                .hasMessageContaining("a rule may loop");
        // The looping session is not kept: the next profile gets what the project's rules give it.
        assertThat(rules.advise(profile(false))).isEqualTo(TestRules.live().advise(profile(false)));
        assertThatThrownBy(() -> GeneratedProfiles.requireAllHold(rules)).isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("generated profile");
    }

    @Test
    void aRuleThatThrowsFailsThatProfileAloneAndIsRefusedBeforeItGoesLive() throws RuleLoadException {
        RuleSet rules = TestDrl.compileUnchecked(TestDrl.withExtra(TestDrl.rule("throws for lawyers",
                "Profile( industry == Industry.LEGAL )",
                "verdict.score(drools, Product.MICRO_STORE, Integer.parseInt(\"not a number\"));")));
        assertThatThrownBy(() -> rules.advise(lawyer())).isInstanceOfSatisfying(EvaluationException.class,
                e -> assertThat(e.rule()).isEqualTo("throws for lawyers"));
        assertThat(rules.advise(profile(true))).isEqualTo(TestRules.live().advise(profile(true)));
        assertThatThrownBy(() -> GeneratedProfiles.requireAllHold(rules)).isInstanceOfSatisfying(RuleLoadException.class,
                e -> {
                    assertThat(e.file()).isEqualTo(TestDrl.FILE);
                    assertThat(e.getMessage()).contains("throws for lawyers", "generated profile");
                });
    }

    @Test
    void aCandidateThatBreaksAnInvariantIsRefused() throws RuleLoadException {
        RuleSet weakPayment = TestDrl.compileUnchecked(TestDrl.withExtra(TestDrl.rule("subscriptions always win",
                "Profile()", "verdict.score(drools, Product.SUBSCRIPTION_ACCOUNT, Weight.INTERNAL_COMMUNICATION.getPoints());"
                        + " verdict.score(drools, Product.SUBSCRIPTION_ACCOUNT, Weight.GOVERNMENT_SERVICE.getPoints());"
                        + " verdict.score(drools, Product.SUBSCRIPTION_ACCOUNT, Weight.PAYMENT_TAKEN.getPoints());"
                        + " verdict.score(drools, Product.SUBSCRIPTION_ACCOUNT, -Weight.PAYMENT_IMPOSSIBLE.getPoints());")));
        assertThatThrownBy(() -> GeneratedProfiles.requireAllHold(weakPayment)).isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("payment must dominate");
    }

    @Test
    void aJudgementActingAsAHardExclusionIsRefused() throws RuleLoadException {
        String judgement = """
                package io.wechatadvisor.recommendation.domain;
                global Verdict verdict;

                rule "micro-stores feel wrong for lawyers"
                    @id("FIT-MULTI-LOCATION") @source("MP-VS-OFFICIAL") @asOf("2026-11-24") @judgement(true)
                when
                    Profile( industry == Industry.LEGAL )
                then
                    %s
                end
                """;
        RuleSet penalty = TestDrl.compileUnchecked(TestDrl.withExtra(judgement.formatted(
                "verdict.score(drools, Product.MICRO_STORE, Weight.PAYMENT_IMPOSSIBLE.getPoints());")));
        assertThatThrownBy(() -> GeneratedProfiles.requireAllHold(penalty)).isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("a judgement must stay soft").hasMessageContaining("micro-stores feel wrong for lawyers");
        RuleSet exclusion = TestDrl.compileUnchecked(TestDrl.withExtra(judgement.formatted(
                "verdict.exclude(drools, Product.MICRO_STORE);")));
        assertThatThrownBy(() -> GeneratedProfiles.requireAllHold(exclusion)).isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("a judgement must never exclude");
    }

    @Test
    void theProjectRulesKeepTheInvariantsForEveryGeneratedProfile() throws RuleLoadException {
        assertThat(GeneratedProfiles.all()).hasSize(GeneratedProfiles.COUNT).doesNotHaveDuplicates();
        GeneratedProfiles.requireAllHold(TestRules.live());
    }

    @Test
    void aFileOverTheLimitIsRefusedUnread() throws IOException {
        Files.writeString(temp.resolve("rules.drl"), "x".repeat(2_000));
        SortedMap<String, RuleFiles.Stamp> listing = listing(temp);
        assertThatThrownBy(() -> RuleFiles.read(temp, listing, 1_000)).isInstanceOfSatisfying(RuleLoadException.class,
                e -> {
                    assertThat(e.file()).isEqualTo("rules.drl");
                    assertThat(e.getMessage()).contains("advisor.rules.max-file-size").doesNotContain(temp.toString());
                });
    }

    @Test
    void theListingChangesWithAFileButNotWithoutOne() throws IOException {
        Path file = Files.writeString(temp.resolve("rules.drl"), "rule");
        SortedMap<String, RuleFiles.Stamp> listing = listing(temp);
        assertThat(listing(temp)).isEqualTo(listing);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1_000));
        assertThat(listing(temp)).isNotEqualTo(listing);
        Files.writeString(temp.resolve("more.drl"), "rule");
        assertThat(listing(temp)).containsKeys("rules.drl", "more.drl");
    }

    private static SortedMap<String, RuleFiles.Stamp> listing(Path dir) {
        try {
            return RuleFiles.list(dir);
        } catch (RuleLoadException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static Profile profile(boolean wantsPayment) {
        return new Profile(EntityType.ENTERPRISE, wantsPayment,
                OfflinePresence.NONE,
                ContentCadence.MONTHLY, null, null,
                false, false, false, false, false, false, false);
    }

    private static Profile lawyer() {
        return new Profile(EntityType.ENTERPRISE, false,
                OfflinePresence.NONE,
                ContentCadence.MONTHLY, null,
                Industry.LEGAL, false, false, false, false, false, false, false);
    }
}
