package io.wechatadvisor.decisions.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.wechatadvisor.decisions.domain.Channel;
import io.wechatadvisor.decisions.domain.Decision;
import io.wechatadvisor.decisions.store.DecisionQuery;
import io.wechatadvisor.decisions.store.DecisionRow;
import io.wechatadvisor.decisions.store.DecisionStore;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.problem.QueryParameters;
import io.wechatadvisor.recommendation.domain.Product;
import io.wechatadvisor.tenants.api.TenantAccess;

/**
 * Decision records: one by id, a filtered page of them, an export of any size, and erasure of a
 * lead's records. Every call needs the admin token ({@code advisor.admin-token}), which sees every
 * tenant's records, or a tenant key, which sees only its tenant's; the answers
 * themselves never do. Database work runs on worker threads.
 */
@Path("/api/v1/decisions")
@Blocking
@Tag(name = "Decisions", description = "The record of every answer: find, export, erase (admin token)")
public class DecisionResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final DecisionStore store;
    private final TenantAccess access;
    private final ObjectMapper mapper;

    public DecisionResource(DecisionStore store, TenantAccess access, ObjectMapper mapper) {
        this.store = store;
        this.access = access;
        this.mapper = mapper;
    }

    @GET
    @Path("/{decisionId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One decision record",
            description = "Everything that was answered: tenant, channel, externalId, time, language, rulesVersion, the "
                    + "profile as understood, every ranked product with score, fit and reasons (rule and effect), the "
                    + "exclusions, the plan, and the context and consent sent with the request.")
    @APIResponse(responseCode = "200", description = "The record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Decision.class)))
    @APIResponse(responseCode = "401", description = "No or a wrong admin token or tenant key")
    @APIResponse(responseCode = "404", description = "No such decision")
    public String get(@PathParam("decisionId") String decisionId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = reader(authorization);
        UUID id = parseId(decisionId, "decisionId");
        return store.find(tenant, id).map(DecisionRow::json).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND.problem("No decision " + id + " (erased, past retention, or never made).")));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find decision records, newest first",
            description = "Filters combine. A page holds at most limit records; when more may follow, next is the "
                    + "cursor for the following page (keyset pagination: pages stay consistent while records arrive).")
    @APIResponse(responseCode = "200", description = "A page of records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionPage.class)))
    @APIResponse(responseCode = "400", description = "A filter that cannot be read, or limit over 500")
    @APIResponse(responseCode = "401", description = "No or a wrong admin token or tenant key")
    public String find(
            @Parameter(description = "The caller's lead id, as sent with the profile") @QueryParam("externalId") String externalId,
            @Parameter(description = "From this time, inclusive: 2027-01-31 or 2027-01-31T08:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "Up to this time, exclusive: 2027-02-01 or 2027-02-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "The plan's primary product", schema = @Schema(implementation = Product.class))
            @QueryParam("primary") String primary,
            @Parameter(description = "API, BATCH or EMBED", schema = @Schema(implementation = Channel.class))
            @QueryParam("channel") String channel,
            @Parameter(description = "Records per page, 1 to 500 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "The next value of the previous page") @QueryParam("cursor") String cursor,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = reader(authorization);
        int size = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        DecisionQuery query = new DecisionQuery(tenant, blankToNull(externalId),
                QueryParameters.instant("from", from), QueryParameters.instant("to", to),
                name(QueryParameters.oneOf("primary", primary, Product.class)),
                name(QueryParameters.oneOf("channel", channel, Channel.class)),
                cursor == null || cursor.isBlank() ? null : parseId(cursor, "cursor"), size);
        List<DecisionRow> rows = store.list(query);
        StringBuilder page = new StringBuilder(rows.size() * 2048 + 64).append("{\"decisions\":[");
        for (int i = 0; i < rows.size(); i++) {
            page.append(i == 0 ? "" : ",").append(rows.get(i).json());
        }
        page.append("],\"next\":");
        page.append(rows.size() == size ? "\"" + rows.get(rows.size() - 1).decisionId() + "\"" : "null");
        return page.append('}').toString();
    }

    @GET
    @Path("/export")
    @Produces({ NDJSON, CSV })
    @Operation(summary = "Export decision records (NDJSON or CSV), streamed",
            description = "Accept: application/x-ndjson (one record a line, the same JSON as GET /{decisionId}) or "
                    + "text/csv (one row a decision, the fields a spreadsheet needs). Newest first. Streamed from the "
                    + "database: any number of records, never held in memory.")
    @APIResponse(responseCode = "200", description = "The records", content = {
        @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "401", description = "No or a wrong admin token or tenant key")
    public Response export(
            @Parameter(description = "From this time, inclusive") @QueryParam("from") String from,
            @Parameter(description = "Up to this time, exclusive") @QueryParam("to") String to,
            @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String tenant = reader(authorization);
        DecisionQuery query = new DecisionQuery(tenant, null, QueryParameters.instant("from", from),
                QueryParameters.instant("to", to), null, null, null, 0);
        boolean csv = accept != null && accept.contains(CSV) && !accept.contains(NDJSON);
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            RowWriter rows = csv ? new CsvRows(writer, mapper) : row -> writer.write(row.json() + "\n");
            try {
                rows.header();
                store.stream(query, rows::write);
            } catch (SQLException e) {
                throw new IOException("The export stopped: the database failed", e);
            }
            writer.flush();
        };
        String fileName = "decisions." + (csv ? "csv" : "ndjson");
        // A Response, not RestResponse<StreamingOutput>: with the latter Jackson claims the NDJSON body.
        return Response.ok(body, csv ? CSV + ";charset=UTF-8" : NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a lead's decision records (PIPL / GDPR requests)",
            description = "Deletes every record with this externalId and answers how many went.")
    @APIResponse(responseCode = "200", description = "How many records were erased",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Erased.class)))
    @APIResponse(responseCode = "400", description = "No externalId")
    @APIResponse(responseCode = "401", description = "No or a wrong admin token or tenant key")
    public Erased erase(@Parameter(description = "The lead whose records go", required = true)
            @QueryParam("externalId") String externalId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        String tenant = reader(authorization);
        if (externalId == null || externalId.isBlank()) {
            throw QueryParameters.invalid("externalId", "is required: the lead whose records are to be erased");
        }
        return new Erased(externalId, store.erase(tenant, externalId));
    }

    /** A page of records (the OpenAPI shape; the page is written from the stored JSON). */
    @Schema(name = "DecisionPage")
    public record DecisionPage(List<Decision> decisions,
            @Schema(description = "The cursor of the next page; null on the last page.") String next) {
    }

    /** How many records of a lead were erased. */
    public record Erased(String externalId, int erased) {
    }

    /** Writes exported rows in one format. */
    interface RowWriter {
        default void header() throws IOException {
        }

        void write(DecisionRow row) throws IOException;
    }

    /**
     * The tenant whose records the caller may read: its own with a tenant key, or null (every tenant)
     * with the admin token; 401 without either.
     */
    private String reader(String authorization) {
        return access.reader(authorization);
    }

    private static UUID parseId(String value, String field) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw QueryParameters.invalid(field, "is not a decision id");
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
