package io.wechatadvisor.decisions.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: Debian's binaries ({@code apt-get install postgresql}),
 * {@code initdb} in a temporary folder, {@code pg_ctl} on a free loopback port, a database
 * {@code advisor} with a password user. No Docker. As root, the commands run as the
 * {@code postgres} user (initdb refuses root).
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String USER = "advisor";
    public static final String PASSWORD = "advisor-test-password";

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresCluster(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The newest installed PostgreSQL's bin folder, if any. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString(),
                            Comparator.comparingInt(v -> v.matches("\\d+") ? Integer.parseInt(v) : 0)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts a cluster; without PostgreSQL's binaries, fails with the line that installs them. */
    public static PostgresCluster start() throws IOException, InterruptedException, SQLException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                        + "sudo apt-get install -y chromium chromium-driver postgresql (README, \"On a fresh machine\")"));
        Path dir = Files.createTempDirectory("advisor-pg");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresCluster cluster = new PostgresCluster(bin, dir, port);
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD);
        if (root) {
            Files.setOwner(passwordFile, Files.getOwner(dir));
        }
        cluster.run("initdb", "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync");
        cluster.run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE advisor");
        }
        return cluster;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/advisor";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(Arrays.asList(arguments));
        Path output = Files.createTempFile("advisor-pg-" + program, ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        String log = Files.readString(output);
        Files.deleteIfExists(output);
        if (!done || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(program + " failed: " + log);
        }
    }
}
