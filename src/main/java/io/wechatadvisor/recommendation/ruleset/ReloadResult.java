package io.wechatadvisor.recommendation.ruleset;

/** What an attempt to load the rules directory came to. */
public record ReloadResult(Outcome outcome, RuleSet live, RuleFailure failure) {

    public enum Outcome {
        /** A new rule set compiled, passed its scenarios and is live. */
        LOADED,
        /** The files are those of the live rule set: nothing to do. */
        UNCHANGED,
        /** The files were refused; the live rule set keeps serving. */
        REFUSED
    }
}
