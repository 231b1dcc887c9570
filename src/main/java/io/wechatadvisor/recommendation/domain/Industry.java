package io.wechatadvisor.recommendation.domain;

/** The trade of the business. */
public enum Industry {
    LEGAL,
    PUBLIC_RELATIONS,
    ADVERTISING_DESIGN,
    EXPRESS_DELIVERY,
    LOGISTICS,
    HOUSEKEEPING,
    PHOTOGRAPHY,
    RECRUITMENT,
    AGRICULTURE,
    ACCOUNTING,
    FINANCIAL_SERVICES,
    TOURISM,
    GOVERNMENT_AFFAIRS,
    EDUCATION,
    CATERING,
    RETAIL,
    MEDIA_PUBLISHING,
    OTHER
}
