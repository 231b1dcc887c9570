package io.wechatadvisor.recommendation.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rule files may hold conditions on the profile and calls to the verdict, nothing else. */
class RuleSafetyTest {

    private static final String PROFILE = "Profile( wantsPayment )";
    private static final String SCORE = "verdict.score(drools, Product.MICRO_STORE, Weight.MVP.getPoints());";

    @Test
    void theProjectRulesAndAPlainNewRulePass() {
        assertThatCode(() -> RuleSafety.check(TestDrl.withExtra(TestDrl.rule("plain",
                "Profile( entityType != EntityType.INDIVIDUAL, goals contains Goal.BOOKINGS || industry in (Industry.LEGAL) )",
                SCORE + " // a comment\n    verdict.need(drools, Need.PAYMENT, Product.MICRO_STORE);")).drl()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "while (true) {}",
            "System.exit(0);",
            "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"x\");",
            "new java.io.File(\"/tmp/x\").delete();",
            "Runtime.getRuntime().halt(1);",
            "Thread.sleep(100000);",
            "verdict.score(drools, Product.MICRO_STORE, 1 / 0);",
            "verdict.score(drools, Product.MICRO_STORE, Weight.MVP.getPoints()); verdict.marks().clear();",
            "verdict.score(drools, Product.MICRO_STORE, Weight.MVP.getPoints()); // \\u000a System.exit(0);",
            "drools.getKieRuntime().halt();",
            "insert(new Object());" })
    void aConsequenceThatDoesMoreThanCallTheVerdictIsRefused(String consequence) {
        assertThatThrownBy(() -> RuleSafety.check(TestDrl.withExtra(TestDrl.rule("unsafe", PROFILE, consequence)).drl()))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo(TestDrl.FILE);
                    assertThat(e.line()).isBetween(8, 9);
                    assertThat(e.getMessage()).contains("\"unsafe\"", "a consequence may only call verdict");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Profile( eval(System.exit(0) == null) )",
            "eval(true)",
            "Profile( industry == Industry.valueOf(\"LEGAL\") )",
            "Profile( goals.add(Goal.BOOKINGS) )",
            "Profile( wantsPayment == java.lang.Boolean.TRUE )",
            "String() from \"x\"",
            "Verdict()",
            "$p : Profile( $e : entityType )" })
    void aConditionThatDoesMoreThanTestTheProfileIsRefused(String condition) {
        assertThatThrownBy(() -> RuleSafety.check(TestDrl.withExtra(TestDrl.rule("unsafe", condition, SCORE)).drl()))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo(TestDrl.FILE);
                    assertThat(e.getMessage()).contains("\"unsafe\"");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "import java.io.File;",
            "function int f() { System.exit(0); return 1; }",
            "global java.util.List sink;",
            "declare enum Danger A(System.exit(0)); x : int end",
            "declare Thing x : int end",
            "query \"q\" Profile() end",
            "rule \"salient\" salience (System.exit(0)) when Profile() then end" })
    void declarationsBeyondTheVerdictAndNumbersAreRefused(String declaration) {
        String drl = "package io.wechatadvisor.recommendation.domain;\n" + declaration + "\n";
        assertThatThrownBy(() -> RuleSafety.check(TestDrl.withExtra(drl).drl()))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.file()).isEqualTo(TestDrl.FILE));
    }

    @Test
    void theCompilerRunsTheCheckFirst() {
        assertThatThrownBy(() -> RuleSetCompiler.compile(TestDrl.withExtra(TestDrl.rule("loops", PROFILE, "while (true) {}"))))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("a consequence may only call verdict");
    }
}
