package io.wechatadvisor.recommendation.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.rules.RuleEngine;
import io.wechatadvisor.recommendation.rules.RuleSet;

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "The rule set that answers")
public class RulesResource {

    private final RuleEngine engine;

    public RulesResource(RuleEngine engine) {
        this.engine = engine;
    }

    @Schema(name = "RuleSet")
    public record RuleSetView(
            @Schema(description = "Content hash of the rule files: the rulesVersion of answers.") String version,
            @Schema(description = "When this rule set went live.") Instant loadedAt,
            @Schema(description = "Every DRL rule: several may share a catalogue id.") List<RuleView> rules,
            @Schema(description = "The source documents the rules cite.") List<SourceView> sources) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Rule")
    public record RuleView(String id, String name, String source, LocalDate asOf, Boolean judgement, String file) {
    }

    @Schema(name = "Source")
    public record SourceView(String key, String title) {
    }

    @GET
    @NonBlocking
    @Operation(summary = "The live rule set: its version, when it loaded, each rule with its source and as-of date")
    public RuleSetView rules() {
        RuleSet ruleSet = engine.current();
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
        return new RuleSetView(ruleSet.version(), ruleSet.loadedAt(), rules, sourceViews);
    }
}
