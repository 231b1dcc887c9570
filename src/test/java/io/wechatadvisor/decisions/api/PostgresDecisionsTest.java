package io.wechatadvisor.decisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.wechatadvisor.decisions.store.Database;

/**
 * The same decision suite on a real PostgreSQL: a throwaway cluster started for this class. Where
 * PostgreSQL is not installed it fails, naming the line that installs it.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresDecisionsTest extends DecisionsSuite {

    @Inject
    Database database;

    @Test
    void theRecordsAreInPostgresql() throws Exception {
        assertThat(database.name()).isEqualTo("postgresql");
        try (var connection = database.dataSource().getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
    }
}
