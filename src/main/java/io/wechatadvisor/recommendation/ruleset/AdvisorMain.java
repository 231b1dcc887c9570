package io.wechatadvisor.recommendation.ruleset;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged service's entry point ({@code java -jar}): starts reading the packaged rules
 * ({@link PackagedRules}), then starts Quarkus as usual. The rules take about as long as the rest of
 * the start; side by side, the service is ready sooner. Tests and dev mode start Quarkus without it.
 */
@QuarkusMain
public final class AdvisorMain {

    private AdvisorMain() {
    }

    public static void main(String... args) {
        PackagedRules.readAhead();
        Quarkus.run(args);
    }
}
