package io.wechatadvisor.recommendation.domain;

/** How often the business would broadcast content to its followers. */
public enum ContentCadence {
    NONE,
    MONTHLY,
    WEEKLY,
    SEVERAL_PER_WEEK,
    DAILY
}
