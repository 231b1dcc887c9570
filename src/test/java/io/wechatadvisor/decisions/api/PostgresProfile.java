package io.wechatadvisor.decisions.api;

import java.util.List;

import io.wechatadvisor.decisions.store.PostgresResource;

/** The decision suite's settings, on a throwaway PostgreSQL cluster (advisor.db.url). */
public class PostgresProfile extends DecisionsProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class));
    }
}
