package io.wechatadvisor.recommendation.domain;

/** Needs derived from a profile that the combined plan must cover (see rules/plan.drl). */
public enum Need {
    PAYMENT,
    FREQUENT_BROADCAST,
    PROACTIVE_PUSH,
    MOMENTS_SHARING,
    BACK_OFFICE_INTEGRATION,
    NEARBY_DISCOVERY,
    INTERNAL_COMMUNICATION,
    NATIVE_FEATURES
}
