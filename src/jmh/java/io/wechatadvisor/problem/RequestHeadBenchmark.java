package io.wechatadvisor.problem;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

/**
 * What the first filter adds to every request: measuring its request line and headers (a browser's
 * POST of a profile from the embed page: eleven headers, about 700 bytes).
 *
 * <p>Run: {@code ./mvnw -Pjmh test -DskipTests -Djmh.include=RequestHeadBenchmark} (see docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Xmx128m")
public class RequestHeadBenchmark {

    private final String uri = "/api/v1/recommendations?lang=zh-CN";
    private final MultiMap headers = HeadersMultiMap.httpHeaders()
            .add("Host", "advisor.example.com")
            .add("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.0.0 Safari/537.36")
            .add("Accept", "application/json")
            .add("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
            .add("Accept-Encoding", "gzip, deflate, br, zstd")
            .add("Content-Type", "application/json")
            .add("Content-Length", "212")
            .add("Origin", "https://shop.example.cn")
            .add("Referer", "https://shop.example.cn/advisor/embed?parentOrigin=https%3A%2F%2Fshop.example.cn")
            .add("Cookie", "session=8f14e45fceea167a5a36dedd4bea2543; theme=light")
            .add("Connection", "keep-alive");

    @Benchmark
    public long measure() {
        return RouteProblems.requestLineLength("POST", uri) + RouteProblems.headersLength(headers);
    }
}
