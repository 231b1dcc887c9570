package io.wechatadvisor.recommendation.evaluation;

/**
 * The rules could not evaluate one profile: a rule threw, or the evaluation went over its bounds
 * (firings or time). Only that profile fails; the rule set keeps answering the others.
 */
public class EvaluationException extends RuntimeException {

    private final String rule;

    EvaluationException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /** The DRL name of the rule that failed, or {@code null} when no single rule is to blame. */
    public String rule() {
        return rule;
    }
}
