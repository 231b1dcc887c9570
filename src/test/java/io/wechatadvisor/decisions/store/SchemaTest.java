package io.wechatadvisor.decisions.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The schema check that lets a start skip Flyway: current only when the history shows every
 * packaged migration applied and none failed, on H2 and on PostgreSQL.
 */
class SchemaTest {

    @Test
    void newestIsTheNewestMigrationFile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/decisions"))) {
            List<String> versions = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.')).toList();
            assertThat(versions).isNotEmpty();
            String newest = versions.stream().max(Comparator.comparing(SchemaTest::parts, Arrays::compare)).orElseThrow();
            assertThat(Schema.NEWEST).isEqualTo(newest);
        }
    }

    @Test
    void onH2() throws SQLException {
        check("jdbc:h2:mem:schema-test;DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void onPostgresql() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start()) {
            check(cluster.url(), PostgresCluster.USER, PostgresCluster.PASSWORD);
        }
    }

    private static void check(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            assertThat(Schema.isCurrent(connection)).as("no history yet").isFalse();
            connection.setAutoCommit(false);
            assertThat(Schema.isCurrent(connection)).as("no history yet, in a transaction").isFalse();
            assertThat(statement.executeQuery("SELECT 1").next()).as("the connection still works").isTrue();
            connection.setAutoCommit(true);

            Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/decisions").load();
            flyway.migrate();
            assertThat(Schema.isCurrent(connection)).as("all migrated").isTrue();

            statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '1'");
            assertThat(Schema.isCurrent(connection)).as("an old migration failed").isFalse();
            statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = TRUE");

            statement.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + Schema.NEWEST + "'");
            assertThat(Schema.isCurrent(connection)).as("the newest migration missing").isFalse();
        }
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
