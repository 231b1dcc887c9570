package io.wechatadvisor.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.ruleset.RuleFiles;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.RuleSetCompiler;

/**
 * Rule evaluation alone: a profile in, the ranked advice out (a stateless Drools session over the
 * full rule catalogue, then scoring, ranking and the plan). No HTTP, no JSON.
 *
 * <p>Run: {@code ./mvnw -Pjmh test -DskipTests} (results in target/jmh-result.json; see
 * docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xmx128m", "-XX:+UseParallelGC",
    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager" })
public class RuleEvaluationBenchmark {

    /** The contract's example and three of the worked examples. */
    private static final Map<String, Profile> PROFILES = Map.of(
            "restaurant-chain", new Profile(EntityType.ENTERPRISE, true, OfflinePresence.MULTIPLE_LOCATIONS,
                    ContentCadence.WEEKLY, EnumSet.of(Goal.SELL_PRODUCTS, Goal.BOOKINGS), Industry.CATERING,
                    true, false, false, false, false, false, false),
            "market-stall", new Profile(EntityType.INDIVIDUAL, true, OfflinePresence.SINGLE_LOCATION,
                    ContentCadence.NONE, EnumSet.of(Goal.SELL_PRODUCTS), Industry.OTHER,
                    false, false, false, false, false, false, false),
            "news-outlet", new Profile(EntityType.MEDIA, true, OfflinePresence.NONE, ContentCadence.DAILY,
                    EnumSet.of(Goal.PUBLISH_CONTENT, Goal.SELL_PRODUCTS), Industry.MEDIA_PUBLISHING,
                    false, false, false, false, false, false, false),
            "everything", new Profile(EntityType.OTHER_ORGANIZATION, true, OfflinePresence.MULTIPLE_LOCATIONS,
                    ContentCadence.SEVERAL_PER_WEEK, EnumSet.allOf(Goal.class), Industry.GOVERNMENT_AFFAIRS,
                    true, true, true, true, true, true, false));

    @Param({ "restaurant-chain", "market-stall", "news-outlet", "everything", "varied" })
    String profile;

    private RuleSet rules;
    private Profile input;
    /** "varied": {@link VariedProfiles}, one after the other. */
    private Profile[] varied;
    private int next;

    @Setup
    public void compileTheRules() throws Exception {
        // As in the service (quarkus.log.category."org.drools".level=WARN): Drools' debug logging
        // formats every fact, which would be measured otherwise.
        Logger.getLogger("org.drools").setLevel(Level.WARNING);
        Logger.getLogger("org.kie").setLevel(Level.WARNING);
        rules = RuleSetCompiler.compile(RuleFiles.fromDirectory(Path.of("rules")));
        input = PROFILES.get(profile);
        varied = input == null ? VariedProfiles.all() : null;
    }

    @Benchmark
    public Advice evaluate() {
        if (input != null) {
            return rules.advise(input);
        }
        next = next == varied.length - 1 ? 0 : next + 1;
        return rules.advise(varied[next]);
    }
}
