package io.wechatadvisor.webhooks.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The webhook suite on a throwaway PostgreSQL cluster (FOR UPDATE SKIP LOCKED, the same migration). */
@QuarkusTest
@TestProfile(PostgresWebhooksProfile.class)
class PostgresWebhooksTest extends WebhooksSuite {
}
