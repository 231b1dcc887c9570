package io.wechatadvisor.recommendation.api;

/** Named request examples shown in Swagger UI; each is a complete, valid profile. */
final class ProfileExamples {

    static final String PHOTOGRAPHER = """
            {
              "entityType": "INDIVIDUAL",
              "wantsPayment": false,
              "offlinePresence": "NONE",
              "contentCadence": "WEEKLY",
              "goals": ["BRAND_AWARENESS", "BOOKINGS"],
              "industry": "PHOTOGRAPHY",
              "externalId": "lead-photographer-1"
            }""";

    static final String RESTAURANT_CHAIN = """
            {
              "entityType": "ENTERPRISE",
              "wantsPayment": true,
              "offlinePresence": "MULTIPLE_LOCATIONS",
              "contentCadence": "WEEKLY",
              "goals": ["SELL_PRODUCTS", "BOOKINGS", "CUSTOMER_SERVICE"],
              "industry": "CATERING",
              "needsProactivePush": true,
              "externalId": "lead-4711"
            }""";

    static final String GOVERNMENT_SERVICE = """
            {
              "entityType": "GOVERNMENT",
              "wantsPayment": false,
              "offlinePresence": "SINGLE_LOCATION",
              "contentCadence": "MONTHLY",
              "goals": ["CUSTOMER_SERVICE", "PUBLISH_CONTENT"],
              "industry": "GOVERNMENT_AFFAIRS",
              "needsProactivePush": true,
              "needsBackOfficeIntegration": true
            }""";

    static final String ONLINE_SHOP = """
            {
              "entityType": "ENTERPRISE",
              "wantsPayment": true,
              "offlinePresence": "NONE",
              "contentCadence": "SEVERAL_PER_WEEK",
              "goals": ["SELL_PRODUCTS", "BRAND_AWARENESS"],
              "industry": "RETAIL",
              "needsMomentsSharing": true
            }""";

    private ProfileExamples() {
    }
}
