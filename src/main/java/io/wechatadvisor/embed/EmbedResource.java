package io.wechatadvisor.embed;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.wechatadvisor.page.JarPage;
import io.wechatadvisor.tenants.api.TenantAccess;
import io.wechatadvisor.tenants.domain.Tenant;
import io.wechatadvisor.tenants.store.TenantRegistry;

/**
 * {@code GET /embed}: the embeddable advisor page, for an {@code <iframe>} (see {@code /embed.js}).
 * The page is {@code embed/embed.html}, kept out of the static folder so that it is only ever served
 * here, with strict headers and asset links that change with the assets. Everything the page shows comes from the public API, called from the
 * page on this same origin.
 */
@Singleton
@Path("/embed")
@Tag(name = "Embed", description = "The advisor as a page for an iframe, for agencies' lead forms")
public class EmbedResource {

    static final String PAGE = "embed/embed.html";
    static final String[] ASSETS = { "META-INF/resources/embed-assets/advisor.js",
        "META-INF/resources/embed-assets/advisor.css" };

    /**
     * Scripts, styles and API calls only from this origin; no plugins, no forms posted elsewhere.
     * Without a tenant (the tenant default) any site may frame the page: it holds no session and no
     * secret, and it shows only what its visitor typed in and the advice for it. A tenant's page
     * ({@code ?tenant=acme}) may only be framed by that tenant's allowedOrigins.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; object-src 'none'; "
            + "frame-ancestors *";

    private final JarPage page = new JarPage(PAGE, CONTENT_SECURITY_POLICY, ASSETS);
    private final TenantRegistry tenants;

    public EmbedResource(TenantRegistry tenants) {
        this.tenants = tenants;
    }

    @GET
    @Produces("text/html;charset=UTF-8")
    @Operation(summary = "The advisor page for an iframe",
            description = "Query parameters: lang (en, zh-CN); prefill named like the profile fields "
                    + "(entityType, wantsPayment, goals=A,B …); externalId; submit=true; theme: accent, background, "
                    + "text (#rgb or #rrggbb), font (system, sans, serif, rounded, mono); parentOrigin (set by "
                    + "/embed.js); tenant (set by /embed.js from data-tenant: the page may then only be framed by "
                    + "that tenant's allowedOrigins, and its answers belong to it). Unknown or invalid values are "
                    + "ignored, but an unknown tenant is 404.")
    public RestResponse<byte[]> page(@QueryParam("tenant") String tenant) {
        return page.response(contentSecurityPolicy(tenant));
    }

    /** The page's policy: framed by anyone without a tenant, else by the tenant's allowedOrigins only. */
    private String contentSecurityPolicy(String tenantId) {
        if (tenantId == null || tenantId.isBlank() || tenantId.equals(Tenant.DEFAULT)) {
            return CONTENT_SECURITY_POLICY;
        }
        Tenant tenant = tenants.tenant(tenantId);
        if (tenant == null) {
            throw TenantAccess.unknownTenant(tenantId);
        }
        String ancestors = tenant.allowedOrigins().isEmpty() ? "'none'" : String.join(" ", tenant.allowedOrigins());
        return CONTENT_SECURITY_POLICY.substring(0, CONTENT_SECURITY_POLICY.lastIndexOf('*')) + ancestors;
    }
}
