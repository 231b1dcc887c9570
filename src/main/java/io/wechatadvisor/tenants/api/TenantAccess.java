package io.wechatadvisor.tenants.api;

import java.net.URI;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.recommendation.api.AdminAccess;
import io.wechatadvisor.tenants.config.TenancyConfig;
import io.wechatadvisor.tenants.domain.ApiKeys;
import io.wechatadvisor.tenants.domain.Tenant;
import io.wechatadvisor.tenants.domain.TenantKey;
import io.wechatadvisor.tenants.store.TenantRegistry;

/**
 * Which tenant a call belongs to. Everything is answered from memory ({@link TenantRegistry}), so it
 * runs on an event loop too.
 * <ul>
 * <li>{@code Authorization: Bearer <tenant key>}: that tenant; a wrong, expired or revoked key is 401.</li>
 * <li>The admin token: the admin (reads every tenant; its answers belong to {@code default}).</li>
 * <li>No key, but {@code Advisor-Tenant: <id>} (what the embed page sends; the id is public): that
 * tenant, for answers only; a browser's {@code Origin} must be one of its allowedOrigins or this
 * service's own.</li>
 * <li>Nothing: {@code default}, unless {@code advisor.tenancy.required=true} (then 401).</li>
 * </ul>
 */
@ApplicationScoped
public class TenantAccess {

    /** Request header: the tenant an embed page names publicly. */
    public static final String TENANT_HEADER = "Advisor-Tenant";

    private final TenantRegistry registry;
    private final AdminAccess admin;
    private final boolean required;

    public TenantAccess(TenantRegistry registry, AdminAccess admin, TenancyConfig config) {
        this.registry = registry;
        this.admin = admin;
        this.required = config.required();
    }

    /**
     * The tenant an answering call belongs to; ends the request with 401 or 403 if it cannot be told.
     * {@code verifiedOrigin} is the origin {@link io.wechatadvisor.embed.CrossOrigin} let through (one of some tenant's).
     */
    public String answering(String authorization, String namedTenant, String origin, String verifiedOrigin,
            String host) {
        String tenant;
        if (authorization != null && !authorization.isBlank()) {
            tenant = admin.isAdmin(authorization) ? Tenant.DEFAULT : byKey(authorization);
        } else if (namedTenant != null && !namedTenant.isBlank() && !namedTenant.equals(Tenant.DEFAULT)) {
            Tenant named = registry.tenant(namedTenant.trim());
            if (named == null) {
                throw unauthorized(noTenant(namedTenant.trim()));
            }
            tenant = named.id();
            if (verifiedOrigin == null && origin != null && !sameOrigin(origin, host)) {
                requireOrigin(named, origin);
            }
        } else if (required) {
            throw unauthorized("This service needs a tenant key: send Authorization: Bearer <key>.");
        } else {
            tenant = Tenant.DEFAULT;
        }
        if (verifiedOrigin != null) {
            requireOrigin(registry.tenant(tenant), verifiedOrigin);
        }
        return tenant;
    }

    /**
     * The tenant whose records a caller may read, export or erase: null (every tenant) for the admin
     * token, the key's tenant for a tenant key; 401 otherwise, also when tenancy is optional.
     */
    public String reader(String authorization) {
        if (admin.isAdmin(authorization)) {
            return null;
        }
        if (AdminAccess.bearer(authorization).startsWith(ApiKeys.PREFIX)) {
            return byKey(authorization);
        }
        admin.require(authorization);
        return null;
    }

    /**
     * The tenant whose records a caller reads where it may name one ({@code ?tenant=}): the admin token
     * reads the named tenant (404 if there is none), or every tenant (null) without a name; a tenant key
     * reads its own tenant only, and naming another is 403: a key never widens to another tenant.
     */
    public String reader(String authorization, String named) {
        String own = reader(authorization);
        String asked = named == null || named.isBlank() ? null : named.trim();
        if (own != null) {
            if (asked != null && !asked.equals(own)) {
                throw new ProblemException(ProblemType.OTHER_TENANT.problem("A tenant key reads its own tenant's "
                        + "records only; leave tenant out or name your own."));
            }
            return own;
        }
        if (asked != null && !registry.exists(asked)) {
            throw unknownTenant(asked);
        }
        return asked;
    }

    /** The display name of a tenant: its stored name, or its id for {@code default} (not stored). */
    public String name(String tenant) {
        Tenant stored = registry.tenant(tenant);
        return stored == null ? tenant : stored.name();
    }

    private String byKey(String authorization) {
        String key = AdminAccess.bearer(authorization);
        TenantKey stored = registry.key(ApiKeys.keyId(key));
        if (stored == null || !stored.matches(key) || !stored.validAt(Instant.now())) {
            throw unauthorized("The key is wrong, expired or revoked.");
        }
        return stored.tenantId();
    }

    /** 403 unless the browser's origin is one of the tenant's (the tenant default has none of them). */
    private static void requireOrigin(Tenant tenant, String origin) {
        if (tenant == null || !tenant.allowedOrigins().contains(origin)) {
            throw new ProblemException(ProblemType.FORBIDDEN.problem("The origin " + origin + " is not one of the "
                    + "allowedOrigins of the tenant this call belongs to."));
        }
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 404: there is no tenant {@code id} (or none the caller may see). */
    public static ProblemException unknownTenant(String id) {
        return new ProblemException(ProblemType.NOT_FOUND.problem(noTenant(id)));
    }

    /** How every answer words a tenant that does not exist. */
    private static String noTenant(String id) {
        return "No tenant \"" + id + "\".";
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED.problem(detail));
    }
}
