package io.wechatadvisor.insight.page;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.wechatadvisor.page.JarPage;

/**
 * {@code GET /dashboard}: the insight dashboard, a page that asks for the admin token or a tenant key,
 * keeps it for the tab only and draws {@code GET /api/v1/analytics} as charts (every tenant's for the
 * admin, its own for a tenant, and says which). The page itself
 * holds no data and no secret; every number comes from the API, called from this origin.
 */
@Singleton
@Path("/dashboard")
@Tag(name = "Insight", description = "What the advisor told leads, in aggregate (admin token or tenant key)")
public class DashboardResource {

    static final String PAGE = "dashboard/dashboard.html";
    static final String[] ASSETS = { "META-INF/resources/dashboard-assets/dashboard.js",
        "META-INF/resources/dashboard-assets/dashboard.css" };

    /**
     * Scripts, styles and API calls only from this origin, nothing inline, no plugins, no framing (the
     * page takes a key: no other site may overlay it).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; object-src 'none'; "
            + "frame-ancestors 'none'";

    private final JarPage page = new JarPage(PAGE, CONTENT_SECURITY_POLICY, ASSETS);

    @GET
    @Produces("text/html;charset=UTF-8")
    @Operation(summary = "The insight dashboard",
            description = "Charts of GET /api/v1/analytics for a chosen period. Query parameter: lang (en, zh-CN; "
                    + "default: the browser's language). The key is typed in the page and kept for the tab only.")
    public RestResponse<byte[]> page() {
        return page.response();
    }
}
