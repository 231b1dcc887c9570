package io.wechatadvisor.recommendation.domain;

/** What the WeChat presence is for. */
public enum Goal {
    SELL_PRODUCTS,
    PUBLISH_CONTENT,
    CUSTOMER_SERVICE,
    INTERNAL_COMMUNICATION,
    BOOKINGS,
    BRAND_AWARENESS
}
