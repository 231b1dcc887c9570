package io.wechatadvisor.recommendation.api;

/** No rule set is live yet (still compiling, or the rules failed to load): answered 503. */
public class RulesUnavailableException extends RuntimeException {

    public RulesUnavailableException(String message) {
        super(message);
    }
}
