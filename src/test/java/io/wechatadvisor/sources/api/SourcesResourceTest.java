package io.wechatadvisor.sources.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SourcesResourceTest {

    @Test
    void listsEverySourceWithItsOriginAndTheRulesThatCiteIt() {
        given().get("/api/v1/sources")
                .then().statusCode(200)
                .body("key", equalTo(java.util.List.of("ACCOUNT-TYPES", "MP-PERSONAL-VS-ENTERPRISE", "MP-VS-MICROSTORE",
                        "MP-VS-OFFICIAL", "MP-VS-OFFICIAL-2")))
                .body("title", everyItem(notNullValue()))
                .body("origin", everyItem(matchesPattern("https?://\\S+")))
                .body("language", everyItem(equalTo("en")))
                .body("retrieved", everyItem(matchesPattern("\\d{4}-\\d{2}-\\d{2}")))
                .body("licence", everyItem(notNullValue()))
                .body("text", everyItem(nullValue()))
                .body("find { it.key == 'MP-VS-OFFICIAL-2' }.rules.id", hasItems("NEED-PUSH", "FIT-INTERNAL-ONLY",
                        "PLAN-MP-SERVICE-TIE"));
    }

    @Test
    void oneSourceNamesEachCitingRuleWithTheWordsItQuotes() {
        given().get("/api/v1/sources/MP-VS-OFFICIAL-2")
                .then().statusCode(200)
                .contentType("application/json")
                .body("key", equalTo("MP-VS-OFFICIAL-2"))
                .body("title", equalTo("What are the differences between WeChat Mini Program and WeChat Official Account?"))
                .body("origin", containsString("octoplusmedia.com"))
                .body("rules.find { it.id == 'FIT-INTERNAL-ONLY' }.quote",
                        equalTo("WeChat Enterprise Accounts are primarily for internal communication and management."))
                .body("rules.findAll { it.judgement == null }.quote", everyItem(notNullValue()))
                .body("rules.name", hasItem("Official accounts push messages to followers; mini programs cannot"));
    }

    @Test
    void anUnknownKeyIsAProblem() {
        for (String key : new String[] {"NO-SUCH-SOURCE", "account-types", "%3Cscript%3E", "A".repeat(200)}) {
            given().get("/api/v1/sources/" + key)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404))
                    .body("detail", containsString("GET /api/v1/sources"))
                    .body("detail", not(containsString("script")));
        }
    }

    @Test
    void swaggerDocumentsBothEndpoints() {
        given().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/api/v1/sources'.get.summary", notNullValue())
                .body("paths.'/api/v1/sources/{key}'.get.responses.'404'", notNullValue())
                .body("components.schemas.SourceDocument.properties.origin.description", notNullValue())
                .body("components.schemas.Evidence.properties.quote.description", notNullValue())
                .body("components.schemas.Reason.properties.rationale.description", notNullValue());
    }
}
