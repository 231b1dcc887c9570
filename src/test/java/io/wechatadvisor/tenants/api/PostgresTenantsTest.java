package io.wechatadvisor.tenants.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.wechatadvisor.decisions.api.PostgresProfile;

/** The tenant suite on a throwaway PostgreSQL cluster. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresTenantsTest extends TenantsSuite {
}
