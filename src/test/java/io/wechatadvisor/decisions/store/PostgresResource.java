package io.wechatadvisor.decisions.store;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a throwaway PostgreSQL cluster for a test profile and points advisor.db.* at it. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private PostgresCluster cluster;

    @Override
    public Map<String, String> start() {
        try {
            cluster = PostgresCluster.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start PostgreSQL: " + e.getMessage(), e);
        }
        return Map.of("advisor.db.url", cluster.url(), "advisor.db.username", PostgresCluster.USER,
                "advisor.db.password", PostgresCluster.PASSWORD);
    }

    @Override
    public void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop PostgreSQL: " + e.getMessage(), e);
            }
        }
    }
}
