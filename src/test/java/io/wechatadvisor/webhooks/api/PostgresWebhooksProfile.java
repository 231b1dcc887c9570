package io.wechatadvisor.webhooks.api;

import java.util.List;

import io.wechatadvisor.decisions.store.PostgresResource;

/** The webhook suite's settings, on a throwaway PostgreSQL cluster. */
public class PostgresWebhooksProfile extends WebhooksProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }
}
