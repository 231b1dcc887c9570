package io.wechatadvisor.insight.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** /dashboard is served with a strict policy, and only from its own versioned assets. */
@QuarkusTest
class DashboardPageTest {

    @Test
    void thePageHasAStrictPolicyAndNothingInline() {
        String html = given().when().get("/dashboard").then().statusCode(200)
                .contentType("text/html")
                .header("Content-Security-Policy", equalTo(DashboardResource.CONTENT_SECURITY_POLICY))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .extract().asString();
        assertThat(DashboardResource.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "style-src 'self'",
                "default-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe", "http");
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style", " style=", "http://",
                "https://");

        Matcher assets = Pattern.compile("(/dashboard-assets/[a-z]+\\.(js|css))\\?v=([0-9a-f]{12})").matcher(html);
        int found = 0;
        while (assets.find()) {
            found++;
            given().when().get(assets.group(1) + "?v=" + assets.group(3)).then().statusCode(200);
        }
        assertThat(found).as("a versioned script and stylesheet").isEqualTo(2);
    }

    @Test
    void theScriptMakesNoMarkupFromData() {
        String script = given().when().get("/dashboard-assets/dashboard.js").then().statusCode(200).extract().asString();
        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "localStorage", "style.", "setAttribute('style'");
    }
}
