package io.wechatadvisor.recommendation.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

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
import io.wechatadvisor.config.JsonConfig;
import io.wechatadvisor.recommendation.domain.Profile;

/**
 * Reading one profile body: the bodies of bench/post-varied.lua in turn, by data binding as Quarkus' JSON reader
 * does it (a reader for the type per request, from an input stream) and by {@link ProfileRequestReader}; as an API
 * client sends them, or with the attribution the embed page adds (a context with page, referrer and utm_*).
 *
 * <p>Run: {@code ./mvnw -Pjmh test -DskipTests -Djmh.include=ProfileReadingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx128m")
public class ProfileReadingBenchmark {

    private static final String EMBED_CONTEXT = ",\"context\":{\"pageUri\":\"https://www.agency.example/wechat"
            + "?utm_source=newsletter\",\"referrer\":\"https://www.google.com/\",\"utm\":{\"source\":\"newsletter\","
            + "\"medium\":\"email\",\"campaign\":\"spring-2027\"}}";

    /** The bodies as bench/post-varied.lua sends them ("api"), or with the embed page's context ("embed"). */
    @Param({ "api", "embed" })
    String caller;

    private byte[][] bodies;
    private ObjectMapper mapper;
    private ObjectReader quarkusReader;
    private ProfileRequestReader reader;
    private int next;

    @Setup
    public void setUp() {
        mapper = new ObjectMapper();
        new JsonConfig().customize(mapper);
        quarkusReader = mapper.readerFor(Object.class);
        reader = new ProfileRequestReader(mapper);
        Profile[] profiles = VariedProfiles.all();
        bodies = new byte[profiles.length][];
        for (int i = 0; i < profiles.length; i++) {
            String body = body(profiles[i], i);
            if (caller.equals("embed")) {
                body = body.substring(0, body.length() - 1) + EMBED_CONTEXT + "}";
            }
            bodies[i] = body.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The body bench/post-varied.lua sends for its {@code i}-th profile. */
    private static String body(Profile profile, int i) {
        return "{\"entityType\":\"" + profile.entityType() + "\",\"wantsPayment\":" + profile.wantsPayment()
                + ",\"offlinePresence\":\"" + profile.offlinePresence() + "\",\"contentCadence\":\""
                + profile.contentCadence() + "\",\"goals\":" + profile.goals().stream().map(g -> "\"" + g + "\"")
                        .collect(Collectors.joining(",", "[", "]"))
                + ",\"industry\":\"" + profile.industry() + "\",\"needsProactivePush\":" + profile.needsProactivePush()
                + ",\"externalId\":\"lead-" + i + "\"}";
    }

    private byte[] nextBody() {
        byte[] body = bodies[next];
        next = (next + 1) % bodies.length;
        return body;
    }

    @Benchmark
    public Object dataBinding() throws IOException {
        return quarkusReader.forType(mapper.getTypeFactory().constructType(ProfileRequest.class))
                .readValue(new ByteArrayInputStream(nextBody()));
    }

    @Benchmark
    public Object straight() throws IOException {
        return reader.read(new ByteArrayInputStream(nextBody()).readAllBytes());
    }
}
