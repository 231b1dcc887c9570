package io.wechatadvisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) as a process, started from {@code folder}. */
final class PackagedApp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Process process;
    final String base;
    final Path log;

    private PackagedApp(Process process, String base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the jar with these {@code -D} settings and waits until it is ready. */
    static PackagedApp start(Path folder, List<String> settings) throws IOException, InterruptedException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile(folder, "app", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port));
        command.addAll(settings);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("ADVISOR_RULES_DIR");
        PackagedApp app = new PackagedApp(builder.start(), "http://localhost:" + port, log);
        for (int i = 0; i < 1200; i++) {
            if (app.status("/q/health/ready") == 200) {
                return app;
            }
            assertThat(app.process.isAlive()).as("the application died:\n" + Files.readString(log)).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("not ready after 60 s:\n" + Files.readString(log));
    }

    int status(String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Stops the process: gently, or with SIGKILL ({@code kill -9}). */
    void stop(boolean kill) throws InterruptedException {
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        process.waitFor();
    }
}
