package io.wechatadvisor.config;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The JVM's and the process's metrics (memory, GC, threads, classes, CPU, uptime, open files: the
 * same binders and names as Quarkus' {@code quarkus.micrometer.binder.jvm} and {@code .system},
 * turned off in application.properties), bound {@value #DELAY_SECONDS} s after the start on a
 * background thread. Bound by Quarkus on the start's main thread, with Netty's allocator metrics,
 * they cost the start about half a second of CPU (the JDK's management beans; docs/performance.md).
 */
@ApplicationScoped
public class JvmMetrics {

    static final int DELAY_SECONDS = 10;

    private final MeterRegistry registry;
    /** Guarded by this. */
    private List<MeterBinder> bound = List.of();
    private boolean stopped;

    public JvmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        CompletableFuture.runAsync(this::bind, CompletableFuture.delayedExecutor(DELAY_SECONDS, TimeUnit.SECONDS));
    }

    /** Binds the metrics, unless they are bound already or the service is stopping. */
    synchronized void bind() {
        if (stopped || !bound.isEmpty()) {
            return;
        }
        List<MeterBinder> binders = List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), new JvmGcMetrics(),
                new JvmHeapPressureMetrics(), new JvmThreadMetrics(), new JvmInfoMetrics(), new ProcessorMetrics(),
                new UptimeMetrics(), new FileDescriptorMetrics());
        binders.forEach(binder -> binder.bindTo(registry));
        bound = binders;
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        stopped = true;
        for (MeterBinder binder : bound) {
            if (binder instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // stopping: nothing left to report to
                }
            }
        }
    }
}
