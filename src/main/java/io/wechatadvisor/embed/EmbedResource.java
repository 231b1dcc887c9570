package io.wechatadvisor.embed;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.wechatadvisor.page.JarPage;

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
     * Any site may frame the page: it holds no session and no secret, and it shows only what its
     * visitor typed in and the advice for it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; object-src 'none'; "
            + "frame-ancestors *";

    private final JarPage page = new JarPage(PAGE, CONTENT_SECURITY_POLICY, ASSETS);

    @GET
    @Produces("text/html;charset=UTF-8")
    @Operation(summary = "The advisor page for an iframe",
            description = "Query parameters: lang (en, zh-CN); prefill named like the profile fields "
                    + "(entityType, wantsPayment, goals=A,B …); externalId; submit=true; theme: accent, background, "
                    + "text (#rgb or #rrggbb), font (system, sans, serif, rounded, mono); parentOrigin (set by "
                    + "/embed.js). Unknown or invalid values are ignored.")
    public RestResponse<byte[]> page() {
        return page.response();
    }
}
