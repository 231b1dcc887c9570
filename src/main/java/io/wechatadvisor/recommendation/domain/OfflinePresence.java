package io.wechatadvisor.recommendation.domain;

/** Physical shops, offices or venues. */
public enum OfflinePresence {
    NONE,
    SINGLE_LOCATION,
    MULTIPLE_LOCATIONS
}
