package io.wechatadvisor.sources.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.recommendation.api.ServingRules;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.domain.SourceDocument;
import io.wechatadvisor.recommendation.ruleset.RuleSet;

/**
 * The source documents behind the live rules: where each comes from and which rules cite it, with
 * the words they quote. The documents' own text is not served: their publishers state no licence,
 * so the answer holds the quotes only (the project keeps the text in {@code rules/sources/} to check
 * them).
 */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources", description = "The documents the advice cites, and the rules that quote them")
public class SourcesResource {

    private static final Pattern KEY = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");

    private final ServingRules serving;

    public SourcesResource(ServingRules serving) {
        this.serving = serving;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SourceDocument", description = "A source document the rules cite, and every rule citing it.")
    public record SourceView(
            @Schema(description = "The key answers cite it by (reason.source, evidence.source).", example = "ACCOUNT-TYPES")
            String key,
            String title,
            @Schema(description = "Who published it, where known.") String publisher,
            @Schema(description = "Where it was retrieved from.", example = "http://ducksell.com/p/26411.html") String origin,
            @Schema(description = "The language of its text, and so of every quote from it.", example = "en")
            String language,
            @Schema(format = "date", description = "When it was retrieved.") String retrieved,
            @Schema(description = "What its publisher allows, as far as known. No licence is stated, so the text is "
                    + "not served, only the quotes.") String licence,
            @Schema(description = "What a reader of its quotes should know (translation, artefacts).") String note,
            @Schema(description = "Every rule citing it, in catalogue order (by id, then file and name).")
            List<CitingRule> rules) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CitingRule")
    public record CitingRule(
            @Schema(description = "Catalogue rule id, as in an answer's reasons.") String id,
            @Schema(description = "The DRL rule name: a business sentence.") String name,
            @Schema(description = "The source's own words behind the rule, verbatim (absent on a judgement no "
                    + "sentence supports).") String quote,
            @Schema(description = "Present and true when the rule is a consultant's judgement, not a documented fact.")
            Boolean judgement,
            @Schema(format = "date") String asOf) {
    }

    @GET
    @NonBlocking
    @Operation(summary = "Every source document the live rules cite, with the rules that cite it and their quotes")
    @APIResponse(responseCode = "200", description = "The source documents, by key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = SourceView.class)))
    public List<SourceView> sources() {
        RuleSet ruleSet = serving.current();
        List<SourceView> views = new ArrayList<>();
        ruleSet.sources().values().forEach(document -> views.add(view(ruleSet, document)));
        return views;
    }

    @GET
    @Path("/{key}")
    @NonBlocking
    @Operation(summary = "One source document: where it comes from, and every rule that cites it with its quote")
    @APIResponse(responseCode = "200", description = "The source document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "404", description = "No source document has this key")
    public SourceView source(
            @Parameter(description = "The source key, as in reason.source", example = "MP-VS-OFFICIAL-2")
            @PathParam("key") String key) {
        RuleSet ruleSet = serving.current();
        SourceDocument document = key.length() <= 64 && KEY.matcher(key).matches() ? ruleSet.sources().get(key) : null;
        if (document == null) {
            throw new ProblemException(ProblemType.NOT_FOUND.problem(
                    "No source document has this key; GET /api/v1/sources lists them."));
        }
        return view(ruleSet, document);
    }

    private static SourceView view(RuleSet ruleSet, SourceDocument document) {
        List<CitingRule> rules = new ArrayList<>();
        for (RuleInfo rule : ruleSet.rules()) {
            if (document.key().equals(rule.source())) {
                rules.add(new CitingRule(rule.id(), rule.name(), rule.evidence() == null ? null : rule.evidence().quote(),
                        rule.judgement() ? Boolean.TRUE : null, rule.asOf()));
            }
        }
        return new SourceView(document.key(), document.title(), document.publisher(), document.origin(),
                document.language(), document.retrieved(), document.licence(), document.note(), rules);
    }
}
