package io.wechatadvisor.tenants.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.wechatadvisor.decisions.api.DecisionsProfile;

/** The tenant suite on the embedded database (H2, in a fresh data directory). */
@QuarkusTest
@TestProfile(DecisionsProfile.class)
class EmbeddedTenantsTest extends TenantsSuite {
}
