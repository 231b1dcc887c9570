package io.wechatadvisor.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The JVM's and the process's metrics, bound after the start instead of by Quarkus during it, keep
 * the names Quarkus' binders gave them; binding twice adds nothing.
 */
@QuarkusTest
class JvmMetricsTest {

    @Inject
    JvmMetrics jvmMetrics;

    @Test
    void theUsualJvmAndProcessMetricsAreServed() {
        jvmMetrics.bind();
        jvmMetrics.bind();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "jvm_info{", "jvm_memory_usage_after_gc", "process_cpu_usage",
                "process_uptime_seconds", "process_files_open_files", "system_cpu_count", "system_load_average_1m");
        assertThat(metrics.lines().filter(l -> l.startsWith("jvm_threads_live_threads ")).count()).isEqualTo(1);
    }
}
