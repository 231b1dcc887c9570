package io.wechatadvisor.insight.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.wechatadvisor.decisions.api.Leads;
import io.wechatadvisor.embed.Browser;
import io.wechatadvisor.insight.api.InsightSeed;
import io.wechatadvisor.webhooks.Receiver;
import io.wechatadvisor.webhooks.api.WebhooksProfile;

/**
 * The dashboard's webhook delivery health, in a browser: a tenant with three endpoints (one answers
 * 200, one 410 Gone, one holds its answer) and one decision has one event delivered, one waiting and
 * one failed; the chart shows exactly those numbers, as the analytics API counts them, with the
 * latency, in English and in Chinese.
 */
@QuarkusTest
@TestProfile(WebhooksProfile.class)
class DashboardDeliveriesBrowserTest {

    static final Map<String, String> LATENCY = Map.of("en", "Latency", "zh-CN", "延迟");

    static Browser browser;
    static Receiver receiver;
    static final CountDownLatch HELD = new CountDownLatch(1);
    static String key;

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        HELD.countDown();
        receiver.close();
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "en", "zh-CN" })
    void theDeliveriesChartShowsDeliveredWaitingAndFailed(String lang) throws Exception {
        if (key == null) {
            String tenant = "hooks-" + UUID.randomUUID().toString().substring(0, 8);
            key = Leads.tenantKey(tenant, "Hooks Agency");
            // Gone stays gone: the seed's events may reach it concurrently, before its first 410 disables it.
            receiver.always("/" + tenant + "/gone", 410);
            receiver.hold("/" + tenant + "/held", HELD);
            for (String path : List.of("ok", "gone", "held")) {
                given().auth().oauth2(key).contentType(ContentType.JSON)
                        .body("{\"url\":\"" + receiver.url("/" + tenant + "/" + path) + "\"}").when()
                        .post("/api/v1/tenants/" + tenant + "/webhooks").then().statusCode(201);
            }
            InsightSeed.seed(1, key);
            assertThat(Receiver.await(20, () -> {
                JsonPath analytics = analytics();
                return analytics.get("deliveries") != null
                        && analytics.getLong("deliveries.delivered") == analytics.getLong("total")
                        && analytics.getLong("deliveries.failed") > 0
                        && analytics.get("deliveries.latencyP50Millis") != null;
            })).isTrue();
        }
        JsonPath api = analytics();
        long total = api.getLong("total");
        // One event per decision and endpoint: the "ok" endpoint's are delivered, the "held" one's wait,
        // the "gone" one failed those in flight when its first 410 disabled it, and no later event was made.
        assertThat(api.getLong("deliveries.delivered")).isEqualTo(total);
        assertThat(api.getLong("deliveries.retrying")).isBetween(1L, total);
        assertThat(api.getLong("deliveries.failed")).isBetween(1L, total);

        browser.driver.get(dashboard + "?lang=" + lang);
        browser.js("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        browser.visible(By.id("key")).sendKeys(key);
        browser.driver.findElement(By.id("key-open")).click();
        browser.waitFor(driver -> driver.findElements(By.cssSelector("[data-chart]:not([data-state])")).isEmpty());

        WebElement card = browser.driver.findElement(By.cssSelector("[data-chart='deliveries']"));
        assertThat(card.getAttribute("data-state")).isEqualTo("drawn");
        List<Long> values = new ArrayList<>();
        for (WebElement bar : card.findElements(By.cssSelector("rect.bar"))) {
            values.add(Long.parseLong(bar.getAttribute("data-value")));
        }
        JsonPath now = analytics();
        assertThat(values).containsExactly(now.getLong("deliveries.delivered"), now.getLong("deliveries.retrying"),
                now.getLong("deliveries.failed"));
        assertThat((String) browser.js("return arguments[0].textContent", card)).contains(LATENCY.get(lang));
        browser.screenshot("dashboard-deliveries-" + lang + ".png", 1200);
    }

    private static JsonPath analytics() {
        return given().auth().oauth2(key).when().get("/api/v1/analytics").then().statusCode(200).extract().jsonPath();
    }
}
