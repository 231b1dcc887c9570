package io.wechatadvisor.recommendation.domain;

/**
 * The six WeChat products the advisor ranks. The declaration order is the fixed tie-break order
 * of the API: equal scores rank in this order.
 */
public enum Product {
    SUBSCRIPTION_ACCOUNT,
    SERVICE_ACCOUNT,
    ENTERPRISE_ACCOUNT,
    MINI_PROGRAM_PERSONAL,
    MINI_PROGRAM_ENTERPRISE,
    MICRO_STORE
}
