package io.wechatadvisor.recommendation.ruleset;

/**
 * A rule set that cannot go live: it does not compile, lacks a text, or breaks a scenario. Names the
 * file (relative to the rules directory) and the line where known (0 when not).
 */
public class RuleLoadException extends Exception {

    private final String file;
    private final int line;

    public RuleLoadException(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
