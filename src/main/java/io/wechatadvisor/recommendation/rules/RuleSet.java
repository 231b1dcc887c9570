package io.wechatadvisor.recommendation.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.domain.Verdict;

/**
 * One complete, compiled rule set: the KieBase, the metadata of its rules, its texts and score
 * bands, and the content hash of the files it came from. Immutable and shared by all threads; each
 * evaluation gets a stateless session of its own, from Drools' session pool, which recycles the
 * working memory behind it instead of building one per request (a fifth less time and allocation).
 */
public final class RuleSet {

    private final KieSessionsPool sessions;
    private final String version;
    private final String origin;
    private final Instant loadedAt;
    private final Map<String, RuleInfo> rulesByName;
    private final List<RuleInfo> rules;
    private final Texts texts;
    private final FitBands bands;
    private final RuleFiles files;
    private final AdviceAssembler assembler;

    RuleSet(InternalKnowledgeBase kieBase, RuleFiles files, Map<String, RuleInfo> rulesByName, Texts texts, FitBands bands) {
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors() * 2);
        this.files = files;
        this.version = files.version();
        this.origin = files.origin();
        this.loadedAt = Instant.now();
        this.rulesByName = Map.copyOf(rulesByName);
        List<RuleInfo> sorted = new ArrayList<>(rulesByName.values());
        sorted.sort(RuleSetCompiler.CATALOGUE_ORDER);
        this.rules = Collections.unmodifiableList(sorted);
        this.texts = texts;
        this.bands = bands;
        this.assembler = new AdviceAssembler(this.rulesByName, bands);
    }

    /** Runs the rules over one profile and ranks the products. Thread-safe. */
    public Advice advise(Profile profile) {
        return assembler.assemble(run(profile));
    }

    /** The advice, and the ids of every rule that fired for the profile: for scenarios and diagnosis. */
    public Trace trace(Profile profile) {
        Verdict verdict = run(profile);
        Set<String> fired = new TreeSet<>();
        verdict.marks().forEach(mark -> fired.add(rulesByName.get(mark.rule()).id()));
        verdict.needs().forEach(need -> fired.add(rulesByName.get(need.rule()).id()));
        return new Trace(assembler.assemble(verdict), fired);
    }

    /** What {@link #trace(Profile)} returns. */
    public record Trace(Advice advice, Set<String> firedRuleIds) {
    }

    private Verdict run(Profile profile) {
        Verdict verdict = new Verdict();
        StatelessKieSession session = sessions.newStatelessKieSession();
        session.setGlobal("verdict", verdict);
        session.execute(profile);
        return verdict;
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
