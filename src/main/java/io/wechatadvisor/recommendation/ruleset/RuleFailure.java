package io.wechatadvisor.recommendation.ruleset;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rule set that was refused: where (file relative to the rules directory, line or 0), why, and when.
 * The rules that were live before keep serving.
 */
@Schema(name = "RuleFailure")
public record RuleFailure(String file, int line, String message, Instant at) {

    static RuleFailure of(RuleLoadException e) {
        return new RuleFailure(e.file(), e.line(), e.getMessage(), Instant.now());
    }
}
