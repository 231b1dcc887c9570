package io.wechatadvisor.embed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What the server gives the embed: the page at /embed, its assets and the snippet. What the page
 * does in a browser is in the *BrowserTest classes.
 */
@QuarkusTest
class EmbedPageTest {

    @Test
    void embedAnswersTheHtmlPageWithStrictHeaders() {
        String html = given().get("/embed")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", equalTo("no-cache"))
                .extract().asString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<form id=\"advisor-form\"");
        assertThat(html).as("no inline script: the CSP allows none").doesNotContainPattern("<script>|<script [^>]*>[^<]");
        assertThat(html).doesNotContain("?v=dev");
    }

    @Test
    void embedWithAQueryAnswersTheSamePage() {
        String plain = given().get("/embed").then().statusCode(200).extract().asString();
        given().queryParam("lang", "zh-CN").queryParam("entityType", "<script>alert(1)</script>")
                .get("/embed")
                .then().statusCode(200)
                .body(equalTo(plain));
    }

    @Test
    void theAssetLinksCarryTheirVersionAndAreServed() {
        String html = given().get("/embed").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/embed-assets/advisor\\.js\\?v=[0-9a-f]{12})\"").matcher(html);
        Matcher style = Pattern.compile("href=\"(/embed-assets/advisor\\.css\\?v=[0-9a-f]{12})\"").matcher(html);
        assertThat(script.find()).as("versioned script link in %s", html).isTrue();
        assertThat(style.find()).as("versioned style link in %s", html).isTrue();
        given().get(script.group(1)).then().statusCode(200).contentType(containsString("javascript"));
        given().get(style.group(1)).then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void theSnippetIsServedAsJavaScript() {
        given().get("/embed.js")
                .then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("wechat-advisor:result"))
                .body(containsString("event.origin !== origin"));
    }

    @Test
    void thePageIsServedOnlyWithItsHeaders() {
        given().get("/embed.html").then().statusCode(404);
    }

    @Test
    void theSnippetIsNotCachedForLong() {
        given().get("/embed.js").then().statusCode(200).header("Cache-Control", containsString("max-age=600"));
    }
}
