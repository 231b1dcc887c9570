package io.wechatadvisor.decisions.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.wechatadvisor.decisions.domain.Channel;
import io.wechatadvisor.decisions.domain.Decision;
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
 * Making one decision record on the event loop, for a profile answered before (bench/post.lua's restaurant
 * chain): the decision (its id, its lists) and its JSON, by Jackson or by {@link RecordJson}. No rules, no HTTP.
 *
 * <p>Run: {@code ./mvnw -Pjmh test -DskipTests -Djmh.include=RecordWritingBenchmark} (see docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx128m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager" })
public class RecordWritingBenchmark {

    private static final Profile RESTAURANT_CHAIN = new Profile(EntityType.ENTERPRISE, true,
            OfflinePresence.MULTIPLE_LOCATIONS, ContentCadence.WEEKLY, EnumSet.of(Goal.SELL_PRODUCTS, Goal.BOOKINGS),
            Industry.CATERING, true, false, false, false, false, false, false);

    private final ObjectMapper mapper = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final RecordJson records = new RecordJson(mapper, 1000);
    private RuleSet rules;
    private Advice advice;

    @Setup
    public void answerTheProfile() throws Exception {
        Logger.getLogger("org.drools").setLevel(Level.WARNING);
        Logger.getLogger("org.kie").setLevel(Level.WARNING);
        rules = RuleSetCompiler.compile(RuleFiles.fromDirectory(Path.of("rules")));
        advice = rules.advise(RESTAURANT_CHAIN);
    }

    private Decision decision() {
        return Decision.of("default", Channel.API, "lead-4711", "en", rules.version(), RESTAURANT_CHAIN, advice, null, null);
    }

    @Benchmark
    public Decision decide() {
        return decision();
    }

    @Benchmark
    public String jackson() throws IOException {
        return mapper.writeValueAsString(decision());
    }

    @Benchmark
    public String kept() throws IOException {
        return records.write(decision());
    }
}
