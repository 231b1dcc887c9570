package io.wechatadvisor.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RecommendationResourceTest {

    private static final String PATH = "/api/v1/recommendations";

    @Test
    void answersTheContractShape() {
        String version = given().get("/api/v1/rules").then().statusCode(200).extract().path("version");
        given().contentType(ContentType.JSON).body(Profiles.BAKERY)
                .when().post(PATH)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Content-Language", "en")
                .body("externalId", equalTo("lead-4711"))
                .body("rulesVersion", equalTo(version))
                .body("recommendations.rank", contains(1, 2, 3, 4, 5))
                .body("recommendations[0].product", equalTo("MINI_PROGRAM_ENTERPRISE"))
                .body("recommendations[0].name", equalTo("Enterprise mini program"))
                .body("recommendations[0].fit", equalTo("STRONG"))
                .body("recommendations.reasons.flatten().rule", everyItem(notNullValue()))
                .body("recommendations.reasons.flatten().text", everyItem(notNullValue()))
                .body("recommendations[0].reasons.find { it.rule == 'FIT-OFFLINE' }.source", equalTo("MP-VS-OFFICIAL"))
                .body("recommendations[1].warnings.rule", hasItem("WARN-VERIFICATION-FEE"))
                .body("excluded.product", contains("MINI_PROGRAM_PERSONAL"))
                .body("excluded[0].reasons[0].rule", equalTo("EL-MP-PERSONAL-INDIVIDUAL-ONLY"))
                .body("plan.primary", equalTo("MINI_PROGRAM_ENTERPRISE"))
                .body("plan.companions", org.hamcrest.Matchers.empty())
                .body("plan.needs", containsInAnyOrder("PAYMENT", "NEARBY_DISCOVERY"));
    }

    @Test
    void everyPointOfScoreHasAReasonAndScoresAreSorted() {
        JsonPath answer = given().contentType(ContentType.JSON).body(Profiles.BAKERY).post(PATH).then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> recommendations = answer.getList("recommendations");
        int previous = 100;
        for (Map<String, Object> recommendation : recommendations) {
            int score = (Integer) recommendation.get("score");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> reasons = (List<Map<String, Object>>) recommendation.get("reasons");
            assertThat(reasons.stream().mapToInt(r -> (Integer) r.get("effect")).sum()).isEqualTo(score);
            assertThat(score).isBetween(0, previous);
            previous = score;
        }
    }

    @Test
    void unmetNeedsSayWhatWouldChangeThem() {
        given().contentType(ContentType.JSON).body(Profiles.MARKET_STALL)
                .when().post(PATH)
                .then().statusCode(200)
                .body("recommendations[0].product", equalTo("MICRO_STORE"))
                .body("excluded.product", containsInAnyOrder("SERVICE_ACCOUNT", "ENTERPRISE_ACCOUNT", "MINI_PROGRAM_ENTERPRISE"))
                .body("plan.unmetNeeds[0].need", equalTo("NEARBY_DISCOVERY"))
                .body("plan.unmetNeeds[0].wouldChange", org.hamcrest.Matchers.containsString("organisation"));
    }

    @Test
    void answersInSimplifiedChineseForZhCnAndZh() {
        for (String header : List.of("zh-CN", "zh", "zh-Hans-CN", "fr;q=0.9, zh-CN;q=0.8")) {
            given().contentType(ContentType.JSON).header("Accept-Language", header).body(Profiles.BAKERY)
                    .when().post(PATH)
                    .then().statusCode(200)
                    .header("Content-Language", "zh-CN")
                    .body("recommendations[0].name", equalTo("企业小程序"))
                    .body("excluded[0].name", equalTo("个人小程序"))
                    .body("recommendations[1].name", equalTo("服务号"));
        }
        given().contentType(ContentType.JSON).header("Accept-Language", "fr-FR").body(Profiles.BAKERY)
                .post(PATH).then().statusCode(200).header("Content-Language", "en")
                .body("recommendations[0].name", equalTo("Enterprise mini program"));
        given().contentType(ContentType.JSON).header("Accept-Language", ";;;===").body(Profiles.BAKERY)
                .post(PATH).then().statusCode(200).header("Content-Language", "en");
    }

    @Test
    void idsScoresAndPlanDoNotChangeWithTheLanguage() {
        JsonPath english = given().contentType(ContentType.JSON).body(Profiles.MARKET_STALL).post(PATH).jsonPath();
        JsonPath chinese = given().contentType(ContentType.JSON).header("Accept-Language", "zh-CN")
                .body(Profiles.MARKET_STALL).post(PATH).jsonPath();
        for (String path : List.of("recommendations.product", "recommendations.score", "recommendations.fit",
                "recommendations.reasons.flatten().rule", "recommendations.reasons.flatten().effect",
                "recommendations.warnings.flatten().rule", "excluded.product", "plan.primary",
                "plan.unmetNeeds.need", "rulesVersion", "recommendations.reasons.flatten().evidence",
                "recommendations.warnings.flatten().evidence", "excluded.reasons.flatten().evidence")) {
            assertThat(chinese.<Object>get(path)).as(path).isEqualTo(english.get(path));
        }
        assertThat(chinese.getString("recommendations[0].reasons[0].text"))
                .isNotEqualTo(english.getString("recommendations[0].reasons[0].text"));
    }

    @Test
    void factsQuoteTheirSourceAndJudgementsSayWhyInTheAnswersLanguage() {
        for (String language : List.of("en", "zh-CN")) {
            JsonPath answer = given().contentType(ContentType.JSON).header("Accept-Language", language)
                    .body(Profiles.MARKET_STALL).post(PATH).then().statusCode(200).extract().jsonPath();
            assertThat(answer.getString("excluded.find { it.product == 'SERVICE_ACCOUNT' }.reasons[0].evidence.quote"))
                    .endsWith("Not applicable to individuals.");
            assertThat(answer.getString("recommendations.find { it.product == 'MICRO_STORE' }.warnings"
                    + ".find { it.rule == 'WARN-MICROSTORE-THIRD-PARTY' }.evidence.source")).isEqualTo("MP-VS-MICROSTORE");
            String rationale = answer.getString("recommendations.find { it.product == 'MICRO_STORE' }.reasons"
                    + ".find { it.rule == 'BASE-ELIGIBLE' }.rationale");
            assertThat(rationale).isNotBlank();
            assertThat(rationale.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                    .isEqualTo(language.startsWith("zh"));
        }
    }

    @Test
    void theSameRequestGetsTheSameBytesButItsOwnDecisionId() {
        String reordered = """
                {"externalId":"lead-4711","industry":"CATERING","contentCadence":"MONTHLY",
                 "offlinePresence":"SINGLE_LOCATION","wantsPayment":true,"entityType":"ENTERPRISE"}""";
        String first = given().contentType(ContentType.JSON).body(Profiles.BAKERY).post(PATH).asString();
        String second = given().contentType(ContentType.JSON).body(Profiles.BAKERY).post(PATH).asString();
        String third = given().contentType(ContentType.JSON).body(reordered).post(PATH).asString();
        assertThat(withoutDecisionId(second)).isEqualTo(withoutDecisionId(first));
        assertThat(withoutDecisionId(third)).isEqualTo(withoutDecisionId(first));
        assertThat(decisionId(first)).isNotEqualTo(decisionId(second)).isNotEqualTo(decisionId(third));
    }

    private static final java.util.regex.Pattern DECISION_ID =
            java.util.regex.Pattern.compile("^\\{\"decisionId\":\"([0-9a-f-]{36})\",");

    private static String decisionId(String answer) {
        java.util.regex.Matcher matcher = DECISION_ID.matcher(answer);
        assertThat(matcher.find()).as(answer).isTrue();
        return matcher.group(1);
    }

    private static String withoutDecisionId(String answer) {
        return answer.replace(decisionId(answer), "");
    }

    @Test
    void externalIdIsLeftOutWhenNotSent() {
        given().contentType(ContentType.JSON).body(Profiles.MARKET_STALL)
                .when().post(PATH)
                .then().statusCode(200).body("$", not(hasKey("externalId")));
    }

    @Test
    void everyGeneratedProfileIsAnswered() {
        Random random = new Random(20261124);
        String[] entities = { "INDIVIDUAL", "ENTERPRISE", "GOVERNMENT", "MEDIA", "OTHER_ORGANIZATION" };
        String[] presences = { "NONE", "SINGLE_LOCATION", "MULTIPLE_LOCATIONS" };
        String[] cadences = { "NONE", "MONTHLY", "WEEKLY", "SEVERAL_PER_WEEK", "DAILY" };
        String[] goals = { "SELL_PRODUCTS", "PUBLISH_CONTENT", "CUSTOMER_SERVICE", "INTERNAL_COMMUNICATION", "BOOKINGS",
                "BRAND_AWARENESS" };
        String[] industries = { "LEGAL", "PHOTOGRAPHY", "RECRUITMENT", "TOURISM", "GOVERNMENT_AFFAIRS", "EDUCATION",
                "CATERING", "RETAIL", "MEDIA_PUBLISHING", "OTHER" };
        String[] flags = { "needsProactivePush", "needsMomentsSharing", "needsBackOfficeIntegration",
                "needsNativeDeviceFeatures", "highInteractivity", "validatingNewIdea", "plansMiniGamesOrAds" };
        for (int i = 0; i < 150; i++) {
            List<String> chosen = new ArrayList<>();
            for (String goal : goals) {
                if (random.nextBoolean()) {
                    chosen.add('"' + goal + '"');
                }
            }
            StringBuilder body = new StringBuilder("{\"entityType\":\"" + entities[random.nextInt(entities.length)]
                    + "\",\"wantsPayment\":" + random.nextBoolean()
                    + ",\"offlinePresence\":\"" + presences[random.nextInt(presences.length)]
                    + "\",\"contentCadence\":\"" + cadences[random.nextInt(cadences.length)]
                    + "\",\"industry\":\"" + industries[random.nextInt(industries.length)]
                    + "\",\"goals\":[" + String.join(",", chosen) + "]");
            for (String flag : flags) {
                body.append(",\"").append(flag).append("\":").append(random.nextBoolean());
            }
            body.append('}');
            JsonPath answer = given().contentType(ContentType.JSON)
                    .header("Accept-Language", random.nextBoolean() ? "en" : "zh-CN").body(body.toString())
                    .when().post(PATH)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getList("recommendations").size() + answer.getList("excluded").size()).isEqualTo(6);
        }
    }
}
