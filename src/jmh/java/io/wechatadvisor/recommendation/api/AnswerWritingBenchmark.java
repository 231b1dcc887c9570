package io.wechatadvisor.recommendation.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

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

import io.wechatadvisor.bench.VariedProfiles;
import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.OfflinePresence;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.ruleset.RuleFiles;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.RuleSetCompiler;

/**
 * Writing one answer alone: an advice already made, written as the JSON the service sends (the
 * restaurant chain of the contract, 8.8 KB). No rules, no HTTP.
 *
 * <p>Run: {@code ./mvnw -Pjmh test -DskipTests} (see docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xmx128m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager" })
public class AnswerWritingBenchmark {

    private static final Profile RESTAURANT_CHAIN = new Profile(EntityType.ENTERPRISE, true,
            OfflinePresence.MULTIPLE_LOCATIONS, ContentCadence.WEEKLY, EnumSet.of(Goal.SELL_PRODUCTS, Goal.BOOKINGS),
            Industry.CATERING, true, false, false, false, false, false, false);

    @Param({ "EN", "ZH_CN" })
    Language language;

    /** "one": the restaurant chain's answer again and again; "varied": those of {@link VariedProfiles} in turn. */
    @Param({ "one", "varied" })
    String profiles;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    private Answer[] answers;
    private int next;

    @Setup
    public void answerTheProfile() throws Exception {
        Logger.getLogger("org.drools").setLevel(Level.WARNING);
        Logger.getLogger("org.kie").setLevel(Level.WARNING);
        RuleSet rules = RuleSetCompiler.compile(RuleFiles.fromDirectory(Path.of("rules")));
        Profile[] asked = profiles.equals("one") ? new Profile[] { RESTAURANT_CHAIN } : VariedProfiles.all();
        answers = new Answer[asked.length];
        for (int i = 0; i < asked.length; i++) {
            answers[i] = new Answer(rules.advise(asked[i]), rules, language, "lead-4711",
                    "0193a5f2-6c1e-7d4b-9a3f-2e8c5b7d1f40");
        }
    }

    @Benchmark
    public int write() throws IOException {
        out.reset();
        next = next == answers.length - 1 ? 0 : next + 1;
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            answers[next].serialize(json, mapper.getSerializerProvider());
        }
        return out.size();
    }
}
