package io.wechatadvisor.webhooks.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The webhook suite on the embedded database (H2). */
@QuarkusTest
@TestProfile(WebhooksProfile.class)
class EmbeddedWebhooksTest extends WebhooksSuite {
}
