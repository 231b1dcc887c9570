package io.wechatadvisor.recommendation.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.problem.QueryParameters;
import io.wechatadvisor.recommendation.ruleset.RuleFailure;
import io.wechatadvisor.recommendation.ruleset.RuleFiles;
import io.wechatadvisor.recommendation.ruleset.RuleLoadException;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.simulation.CandidateFiles;
import io.wechatadvisor.recommendation.simulation.Impact;
import io.wechatadvisor.recommendation.simulation.Simulator;

/** What-if: a candidate rule set against the live one, over the profiles of recorded decisions. */
@Path("/api/v1/rules/simulate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules")
@Blocking
public class SimulationResource {

    static final String ZIP = "application/zip";

    private final ServingRules serving;
    private final AdminAccess admin;
    private final Simulator simulator;
    private final CandidateFiles.Limits limits;

    public SimulationResource(ServingRules serving, AdminAccess admin, Simulator simulator, AdvisorConfig config) {
        this.serving = serving;
        this.admin = admin;
        this.simulator = simulator;
        this.limits = new CandidateFiles.Limits(config.rules().maxFileSize().asLongValue(),
                config.simulation().maxZipEntries(), config.simulation().maxZipSize().asLongValue());
    }

    @Schema(name = "SimulationRequest")
    public record SimulationRequest(
            @Schema(description = "Rule files laid over the live ones, by path in the rules folder (weights.drl, "
                    + "i18n/messages_en.properties); null removes a live file", required = true)
            Map<String, String> files,
            @Schema(description = "Replay the profiles of this many most recent decisions (default "
                    + "advisor.simulation.default-last; at most advisor.simulation.max-profiles)") Integer last,
            @Schema(description = "Instead of last: decisions from this instant (inclusive)") Instant from,
            @Schema(description = "Instead of last: decisions before this instant") Instant to) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What would a rule change do to recent leads?",
            description = "Needs advisor.admin-token. Lays the files over the live rule files, compiles the candidate "
                    + "and answers the profiles of recorded decisions (the last N, or from..to) with the live rules "
                    + "and with the candidate: how many change their primary product, old -> new, the mean score "
                    + "shift per product, needs newly unmet, and example decision ids. Writes nothing; the live rules "
                    + "are untouched. Also takes a whole rules folder as application/zip (last, from, to as query "
                    + "parameters).")
    @SecurityRequirement(name = "admin-token")
    @APIResponse(responseCode = "200", description = "The impact",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Impact.class)))
    @APIResponse(responseCode = "400", description = "A file name, size, window or zip that is not accepted")
    @APIResponse(responseCode = "401", description = "No or wrong admin token, or no token configured")
    @APIResponse(responseCode = "422", description = "The candidate does not compile or is incomplete: file, line, "
            + "message")
    @APIResponse(responseCode = "429", description = "Another simulation is running")
    @APIResponse(responseCode = "503", description = "Not finished within advisor.simulation.timeout")
    public Impact simulate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, SimulationRequest request) {
        admin.require(authorization);
        if (request == null) {
            throw QueryParameters.invalid("files", "send {\"files\": {\"weights.drl\": \"...\"}}");
        }
        Impact.Window window = window(request.last(), request.from(), request.to());
        RuleSet live = serving.current();
        return run(live, CandidateFiles.overlay(live.files(), request.files(), limits), window);
    }

    @POST
    @Consumes(ZIP)
    @Operation(hidden = true)
    public Impact simulateFolder(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "How many recent decisions") @QueryParam("last") String last,
            @QueryParam("from") String from, @QueryParam("to") String to, byte[] zip) {
        admin.require(authorization);
        Impact.Window window = window(number("last", last), instant("from", from), instant("to", to));
        return run(serving.current(), CandidateFiles.unzip(zip == null ? new byte[0] : zip, limits), window);
    }

    private Impact run(RuleSet live, RuleFiles candidate, Impact.Window window) {
        try {
            return simulator.simulate(live, candidate, window);
        } catch (RuleLoadException e) {
            throw RulesResource.refused(new RuleFailure(e.file(), e.line(), e.getMessage(), Instant.now()),
                    "The live rules are untouched.");
        }
    }

    private Impact.Window window(Integer last, Instant from, Instant to) {
        int max = simulator.maxProfiles();
        if (last != null && (from != null || to != null)) {
            throw QueryParameters.invalid("last", "give either last or from/to, not both");
        }
        if (last != null && (last < 1 || last > max)) {
            throw QueryParameters.invalid("last",
                    "must be a whole number from 1 to " + max + " (advisor.simulation.max-profiles)");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw QueryParameters.invalid("to", "must be after from");
        }
        if (last == null && from == null && to == null) {
            return new Impact.Window(simulator.defaultLast(), null, null);
        }
        return new Impact.Window(last, from, to);
    }

    private static Integer number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw QueryParameters.invalid(field, "must be a whole number");
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw QueryParameters.invalid(field, "must be an instant such as 2026-12-01T00:00:00Z");
        }
    }
}
