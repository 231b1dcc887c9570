package io.wechatadvisor.recommendation.domain;

/** Who would register the account. */
public enum EntityType {
    INDIVIDUAL,
    ENTERPRISE,
    GOVERNMENT,
    MEDIA,
    OTHER_ORGANIZATION
}
