package io.wechatadvisor.decisions.api;

import static io.wechatadvisor.decisions.api.Leads.profile;
import static io.wechatadvisor.decisions.api.Leads.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.wechatadvisor.decisions.store.Journals;

/** The decision suite on the embedded database (H2, in a fresh data directory), and what only it has: the journal. */
@QuarkusTest
@TestProfile(DecisionsProfile.class)
class EmbeddedDecisionsTest extends DecisionsSuite {

    @ConfigProperty(name = "advisor.data-dir")
    Path dataDir;

    @Test
    void thePurgeDeletesJournalSegmentsLeftWithoutARecordAndKeepsTheOthers() throws Exception {
        String kept = answer(profile(unique("kept"))).then().statusCode(200).extract().path("decisionId");
        Path empty = Journals.files(dataDir).get(0).resolveSibling("0000000000.journal");
        Files.write(empty, new byte[0]);

        retention.purge();

        assertThat(empty).as("a segment before every record's").doesNotExist();
        assertThat(Journals.files(dataDir)).isNotEmpty();
        assertThat(record(kept).getString("decisionId")).isEqualTo(kept);
    }
}
