package io.wechatadvisor.insight.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.wechatadvisor.decisions.api.PostgresProfile;

/** The same analytics on a real PostgreSQL (a throwaway cluster, as for the decision suite). */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresAnalyticsTest extends AnalyticsSuite {
}
