package io.wechatadvisor.recommendation.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.ruleset.ReloadResult;
import io.wechatadvisor.recommendation.ruleset.LiveRules;
import io.wechatadvisor.recommendation.ruleset.RuleFailure;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.simulation.Impact;
import io.wechatadvisor.recommendation.simulation.Simulator;

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "The rule set that answers")
@SecurityScheme(securitySchemeName = "admin-token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "advisor.admin-token")
public class RulesResource {

    private final LiveRules liveRules;
    private final ServingRules serving;
    private final AdminAccess admin;
    private final Simulator simulator;

    public RulesResource(LiveRules liveRules, ServingRules serving, AdminAccess admin, Simulator simulator) {
        this.liveRules = liveRules;
        this.serving = serving;
        this.admin = admin;
        this.simulator = simulator;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RuleSet")
    public record RuleSetView(
            @Schema(description = "Content hash of the rule files: the rulesVersion of answers.") String version,
            @Schema(description = "When this rule set went live.") Instant loadedAt,
            @Schema(description = "Whether the rules come from a directory that is watched and can be reloaded.")
            boolean reloadable,
            @Schema(description = "The last refused attempt to load the rules directory, if any.") RuleFailure lastFailure,
            @Schema(description = "Every DRL rule: several may share a catalogue id.") List<RuleView> rules,
            @Schema(description = "The source documents the rules cite.") List<SourceView> sources) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Reload")
    public record ReloadView(
            @Schema(description = "LOADED: a new rule set is live; UNCHANGED: the directory holds the live rules.")
            ReloadResult.Outcome outcome,
            String version,
            Instant loadedAt,
            int rules,
            @Schema(description = "What the rules made live change for the most recent recorded decisions "
                    + "(advisor.simulation.reload-last), as POST /api/v1/rules/simulate reports it; only when "
                    + "LOADED and decisions could be read.") Impact impact) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Rule")
    public record RuleView(
            String id,
            @Schema(description = "The DRL rule name: a business sentence.") String name,
            String source,
            @Schema(format = "date", description = "When the fact behind the rule was last checked against its source.")
            String asOf,
            Boolean judgement,
            String file) {
    }

    @Schema(name = "Source")
    public record SourceView(String key, String title) {
    }

    @GET
    @NonBlocking
    @Operation(summary = "The live rule set: its version, when it loaded, each rule with its source and as-of date")
    public RuleSetView rules() {
        RuleSet ruleSet = serving.current();
        List<RuleView> rules = new ArrayList<>();
        TreeSet<String> sources = new TreeSet<>();
        for (RuleInfo rule : ruleSet.rules()) {
            rules.add(new RuleView(rule.id(), rule.name(), rule.source(), rule.asOf(),
                    rule.judgement() ? Boolean.TRUE : null, rule.file()));
            if (rule.source() != null) {
                sources.add(rule.source());
            }
        }
        List<SourceView> sourceViews = sources.stream()
                .map(key -> new SourceView(key, ruleSet.texts().get(Language.EN, "source." + key))).toList();
        return new RuleSetView(ruleSet.version(), ruleSet.loadedAt(), liveRules.isReloadable(), liveRules.lastFailure(), rules,
                sourceViews);
    }

    @POST
    @Path("/reload")
    @Operation(summary = "Load the rules directory now",
            description = "Needs advisor.admin-token as a Bearer token; off without it. The new rules go live only if "
                    + "they compile, are complete and pass their scenarios; otherwise the live rules keep serving "
                    + "and the answer is 422 with the file, line and message. The directory is also watched. A reload "
                    + "that makes new rules live reports their impact on the most recent recorded decisions.")
    @SecurityRequirement(name = "admin-token")
    @APIResponse(responseCode = "200", description = "Loaded, or unchanged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReloadView.class)))
    @APIResponse(responseCode = "401", description = "No or wrong admin token, or no token configured")
    @APIResponse(responseCode = "429", description = "Too many wrong tokens from this address: wait Retry-After seconds")
    @APIResponse(responseCode = "409", description = "The packaged rules serve: no directory to reload")
    @APIResponse(responseCode = "422", description = "Refused: the live rules keep serving")
    public ReloadView reload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws InterruptedException {
        admin.require(authorization);
        if (!liveRules.isReloadable()) {
            throw new ProblemException(ProblemType.NOT_RELOADABLE.problem(
                    "The packaged rules serve; set advisor.rules.dir to a rules directory to reload it."));
        }
        RuleSet before = liveRules.live().orElse(null);
        ReloadResult result = liveRules.reload();
        if (result.outcome() == ReloadResult.Outcome.REFUSED) {
            throw refused(result.failure(), "The live rules keep serving.");
        }
        RuleSet live = result.live();
        Impact impact = result.outcome() == ReloadResult.Outcome.LOADED
                ? simulator.afterReload(before, live).orElse(null) : null;
        return new ReloadView(result.outcome(), live.version(), live.loadedAt(), live.rules().size(), impact);
    }

    /** The 422 for a refused rule set: file, line and message, then what became of the live rules. */
    static ProblemException refused(RuleFailure failure, String consequence) {
        String where = failure.file().isEmpty() ? "" : failure.file() + (failure.line() > 0 ? ":" + failure.line() : "") + ": ";
        String message = failure.message().endsWith(".") ? failure.message() : failure.message() + ".";
        return new ProblemException(ProblemType.RULES_REFUSED.failure(where + message + " " + consequence, failure));
    }
}
