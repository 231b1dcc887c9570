package io.wechatadvisor.recommendation.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.kie.api.runtime.rule.RuleContext;

/**
 * What the rules conclude for one profile: the DRL global {@code verdict}. Rules only say which rule
 * (by its DRL name) marked which product; ids, sources and texts are looked up afterwards. One
 * instance per evaluation, never shared between threads.
 */
public final class Verdict {

    public enum Kind { EXCLUDE, SCORE, WARN }

    /** One rule's mark on one product; {@code points} is 0 unless the kind is SCORE. */
    public record Mark(Kind kind, String rule, Product product, int points) {
    }

    /** A need the profile states, and the products that cover it (none for native features). */
    public record NeedCoverage(String rule, Need need, Set<Product> coveredBy) {
    }

    /**
     * Where a plan needs a companion, {@code partner} is preferred among equally small choices when
     * {@code primary} leads the plan.
     */
    public record Pairing(String rule, Product primary, Product partner) {
    }

    private final List<Mark> marks = new ArrayList<>(48);
    private final List<NeedCoverage> needs = new ArrayList<>(8);
    private final List<Pairing> pairings = new ArrayList<>(2);

    /** A verdict as rules would have left it, from marks and needs already made: for tests and tools. */
    public static Verdict of(List<Mark> marks, List<NeedCoverage> needs) {
        Verdict verdict = new Verdict();
        verdict.marks.addAll(marks);
        verdict.needs.addAll(needs);
        return verdict;
    }

    public void exclude(RuleContext rule, Product product) {
        marks.add(new Mark(Kind.EXCLUDE, rule.getRule().getName(), product, 0));
    }

    public void score(RuleContext rule, Product product, int points) {
        marks.add(new Mark(Kind.SCORE, rule.getRule().getName(), product, points));
    }

    public void warn(RuleContext rule, Product product) {
        marks.add(new Mark(Kind.WARN, rule.getRule().getName(), product, 0));
    }

    public void need(RuleContext rule, Need need, Product... coveredBy) {
        Set<Product> products = EnumSet.noneOf(Product.class);
        products.addAll(List.of(coveredBy));
        needs.add(new NeedCoverage(rule.getRule().getName(), need, products));
    }

    public void pair(RuleContext rule, Product primary, Product partner) {
        pairings.add(new Pairing(rule.getRule().getName(), primary, partner));
    }

    public List<Mark> marks() {
        return marks;
    }

    public List<NeedCoverage> needs() {
        return needs;
    }

    public List<Pairing> pairings() {
        return pairings;
    }
}
