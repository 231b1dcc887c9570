package io.wechatadvisor.recommendation.domain;

/**
 * What a rule is, read from its DRL metadata: the catalogue id it encodes, the source document it
 * cites, the date its fact was last checked, and whether it is a consultant's judgement rather than
 * a documented fact. Several DRL rules may share an id (one per source or product group).
 *
 * @param id        catalogue rule id, e.g. {@code FIT-OFFLINE}
 * @param name      the DRL rule name (a business sentence), or {@code null} for engine rules
 * @param source    source document key, or {@code null} where none applies
 * @param asOf      when the fact behind the rule was last checked against its source (ISO date)
 * @param judgement true when the rule is a judgement, not a documented fact
 * @param file      rule file the rule is declared in, or {@code null} for engine rules
 * @param evidence  the source's own words behind the rule ({@code @quote}), or {@code null}: a fact
 *                  always has it, a judgement may
 */
public record RuleInfo(String id, String name, String source, String asOf, boolean judgement, String file,
        Evidence evidence) {

    /** The score stops at 0: this reason lifts a product back to it. */
    public static final RuleInfo SCORE_FLOOR = new RuleInfo("SCORE-FLOOR", null, null, null, false, null, null);

    /** The score stops at 100: this reason takes a product back to it. */
    public static final RuleInfo SCORE_CEILING = new RuleInfo("SCORE-CEILING", null, null, null, false, null, null);

    public boolean isEngineRule() {
        return name == null;
    }
}
