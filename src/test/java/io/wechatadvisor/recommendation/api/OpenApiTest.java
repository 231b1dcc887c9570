package io.wechatadvisor.recommendation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OpenApiTest {

    @Test
    void everyInputFieldIsDescribed() {
        JsonPath openapi = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> properties = openapi.getMap("components.schemas.Profile.properties");
        assertThat(properties).containsKeys("entityType", "wantsPayment", "offlinePresence", "contentCadence", "goals",
                "industry", "needsProactivePush", "needsMomentsSharing", "needsBackOfficeIntegration",
                "needsNativeDeviceFeatures", "highInteractivity", "validatingNewIdea", "plansMiniGamesOrAds", "externalId");
        properties.forEach((name, schema) -> assertThat(schema).as(name).containsKey("description"));
        assertThat(openapi.getList("components.schemas.Profile.required"))
                .containsExactlyInAnyOrder("entityType", "wantsPayment", "offlinePresence", "contentCadence");
    }

    @Test
    void theNamedExamplesAreValidProfiles() {
        JsonPath openapi = given().accept(ContentType.JSON).get("/q/openapi?format=json").jsonPath();
        Map<String, Map<String, Object>> examples = openapi.getMap(
                "paths.'/api/v1/recommendations'.post.requestBody.content.'application/json'.examples");
        assertThat(examples).containsKeys("photographer", "restaurant-chain", "government-service", "online-shop");
        examples.forEach((name, example) -> given().contentType(ContentType.JSON).body(example.get("value"))
                .post("/api/v1/recommendations").then().statusCode(200));
    }

    @Test
    void everyErrorAnswerIsAProblem() {
        JsonPath openapi = given().accept(ContentType.JSON).get("/q/openapi?format=json").jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
        int errors = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                Map<String, Map<String, Object>> responses = openapi.getMap("paths.'" + path.getKey() + "'."
                        + operation.getKey() + ".responses");
                for (var response : responses.entrySet()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        errors++;
                        assertThat(response.getValue().get("content")).as(path.getKey() + " " + response.getKey())
                                .isEqualTo(Map.of("application/problem+json",
                                        Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
                    }
                }
            }
        }
        assertThat(errors).isGreaterThan(40);
        assertThat(openapi.getMap("components.schemas.Problem.properties")).containsKeys("type", "title", "status",
                "detail");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
