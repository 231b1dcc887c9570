package io.wechatadvisor.insight.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.wechatadvisor.decisions.api.DecisionsProfile;

/** The analytics on the embedded database (H2). */
@QuarkusTest
@TestProfile(DecisionsProfile.class)
class EmbeddedAnalyticsTest extends AnalyticsSuite {
}
