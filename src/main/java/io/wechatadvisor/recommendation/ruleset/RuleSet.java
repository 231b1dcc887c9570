package io.wechatadvisor.recommendation.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.drools.kiesession.rulebase.InternalKnowledgeBase;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.domain.SourceDocument;
import io.wechatadvisor.recommendation.evaluation.FitBands;
import io.wechatadvisor.recommendation.evaluation.ProfileEvaluator;
import io.wechatadvisor.recommendation.evaluation.ProfileEvaluator.Trace;

/**
 * One complete, compiled rule set: the KieBase, the metadata of its rules, its texts and score
 * bands, and the content hash of the files it came from. Immutable and shared by all threads; a
 * {@link ProfileEvaluator} answers profiles with it.
 */
public final class RuleSet {

    private final String version;
    private final String origin;
    private final Instant loadedAt;
    private final Map<String, RuleInfo> rulesByName;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesById;
    private final Texts texts;
    private final FitBands bands;
    private final RuleFiles files;
    private final ProfileEvaluator evaluator;
    private final Sources sources;

    RuleSet(InternalKnowledgeBase kieBase, RuleFiles files, Map<String, RuleInfo> rulesByName, Texts texts, FitBands bands,
            Sources sources) {
        this.sources = sources;
        this.files = files;
        this.version = files.version();
        this.origin = files.origin();
        this.loadedAt = Instant.now();
        this.rulesByName = Map.copyOf(rulesByName);
        List<RuleInfo> sorted = new ArrayList<>(rulesByName.values());
        sorted.sort(RuleSetCompiler.CATALOGUE_ORDER);
        this.rules = Collections.unmodifiableList(sorted);
        this.rulesById = sorted.stream().collect(Collectors.toUnmodifiableMap(RuleInfo::id, Function.identity(),
                (first, later) -> first));
        this.texts = texts;
        this.bands = bands;
        this.evaluator = new ProfileEvaluator(kieBase, this.rulesByName, bands);
    }

    /** Runs the rules over one profile and ranks the products. Thread-safe. */
    public Advice advise(Profile profile) {
        return evaluator.advise(profile);
    }

    /** The advice, and the ids of every rule that fired for the profile: for scenarios and diagnosis. */
    public Trace trace(Profile profile) {
        return evaluator.trace(profile);
    }

    /** The content hash of the rule files: the {@code rulesVersion} of every answer. */
    public String version() {
        return version;
    }

    public String origin() {
        return origin;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Every DRL rule, in catalogue order (by id, then file and name). */
    public List<RuleInfo> rules() {
        return rules;
    }

    /** The first rule (in catalogue order) with this rule id, if any: a rule id may stand for several DRL rules. */
    public Optional<RuleInfo> rule(String id) {
        return Optional.ofNullable(rulesById.get(id));
    }

    /** The source documents the rules cite, by key. */
    public SortedMap<String, SourceDocument> sources() {
        return sources.documents();
    }

    public Texts texts() {
        return texts;
    }

    public FitBands bands() {
        return bands;
    }

    /** The files this rule set was compiled from (scenarios included). */
    public RuleFiles files() {
        return files;
    }
}
