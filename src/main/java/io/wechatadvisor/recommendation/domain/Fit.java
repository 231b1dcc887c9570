package io.wechatadvisor.recommendation.domain;

/** How well a product suits the profile, from the score bands declared in rules/weights.drl. */
public enum Fit {
    STRONG,
    GOOD,
    WEAK
}
