package io.wechatadvisor.decisions.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The decision suite on the embedded database (H2, in a fresh data directory). */
@QuarkusTest
@TestProfile(DecisionsProfile.class)
class EmbeddedDecisionsTest extends DecisionsSuite {
}
