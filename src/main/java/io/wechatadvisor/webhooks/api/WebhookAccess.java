package io.wechatadvisor.webhooks.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.tenants.api.TenantAccess;
import io.wechatadvisor.tenants.store.TenantRegistry;

/**
 * Who may manage a tenant's webhooks and read its deliveries: the admin token for any tenant, a
 * tenant key for its own tenant only (another tenant's is 404, as if it did not exist).
 */
@ApplicationScoped
public class WebhookAccess {

    private final TenantAccess access;
    private final TenantRegistry tenants;

    public WebhookAccess(TenantAccess access, TenantRegistry tenants) {
        this.access = access;
        this.tenants = tenants;
    }

    /** The tenant, once the caller may act for it. */
    public String tenant(String authorization, String id) {
        String reader = access.reader(authorization);
        if (!tenants.exists(id) || reader != null && !reader.equals(id)) {
            throw TenantAccess.unknownTenant(id);
        }
        return id;
    }

    /** The tenant whose deliveries the caller may retry: null for the admin (every tenant). */
    public String reader(String authorization) {
        return access.reader(authorization);
    }
}
