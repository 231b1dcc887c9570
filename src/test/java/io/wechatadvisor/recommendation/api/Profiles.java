package io.wechatadvisor.recommendation.api;

/** Request bodies shared by the REST tests. */
final class Profiles {

    static final String BAKERY = """
            {"entityType":"ENTERPRISE","wantsPayment":true,"offlinePresence":"SINGLE_LOCATION",
             "contentCadence":"MONTHLY","industry":"CATERING","externalId":"lead-4711"}""";

    static final String MARKET_STALL = """
            {"entityType":"INDIVIDUAL","wantsPayment":true,"offlinePresence":"SINGLE_LOCATION",
             "contentCadence":"NONE","goals":["SELL_PRODUCTS"]}""";

    private Profiles() {
    }
}
