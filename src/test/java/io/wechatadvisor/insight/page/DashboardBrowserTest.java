package io.wechatadvisor.insight.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.wechatadvisor.decisions.api.DecisionsProfile;
import io.wechatadvisor.decisions.api.Leads;
import io.wechatadvisor.embed.Browser;
import io.wechatadvisor.insight.api.InsightSeed;

/**
 * /dashboard in a real browser (headless Chromium): the key is typed once, and every chart is drawn
 * from the seeded decisions, with exactly the numbers the API answers, in English and in Chinese. The
 * admin token shows every tenant; a tenant key shows its own tenant's numbers and never another's.
 */
@QuarkusTest
@TestProfile(DecisionsProfile.class)
class DashboardBrowserTest {

    /** Every chart that shows decisions; the deliveries chart waits for webhooks. */
    static final List<String> CHARTS = List.of("perDay", "byPrimary", "unmetNeeds", "entityTypes", "channels",
            "utmSources", "rulesVersions");
    /** Words each language must show: a product, an entity type, the empty deliveries chart. */
    static final Map<String, List<String>> WORDS = Map.of(
            "en", List.of("Service account", "Company", "No webhooks yet", "Decisions per day, by primary product"),
            "zh-CN", List.of("服务号", "企业", "尚无 Webhook", "每日推荐次数"));

    /** What the page says whose decisions it shows, for the admin token. */
    static final Map<String, String> ALL_TENANTS = Map.of("en", "All tenants", "zh-CN", "全部租户");
    /** The same for a tenant key: the word before the tenant's name. */
    static final Map<String, String> TENANT = Map.of("en", "Tenant: ", "zh-CN", "租户：");

    static Browser browser;
    static InsightSeed.Tally seeded;
    /** Two tenants, made once, each with its own seeded decisions: what each key may see. */
    static String acme;
    static String acmeKey;
    static InsightSeed.Tally acmeSeeded;
    static InsightSeed.Tally globexSeeded;

    @TestHTTPResource("/dashboard")
    URL dashboard;

    @BeforeAll
    static void start() {
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "en", "zh-CN" })
    void everyChartIsDrawnFromTheSeededDecisions(String lang) {
        if (seeded == null) {
            // Here, not in @BeforeAll: rest-assured knows the service's port once a test runs.
            seeded = InsightSeed.seed(2);
        }
        open(lang, DecisionsProfile.TOKEN);
        assertThat(browser.driver.findElement(By.id("scope")).getText()).startsWith(ALL_TENANTS.get(lang));

        // The period the page asked for by default: the last 30 days, today included.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath api = given().auth().oauth2(DecisionsProfile.TOKEN).queryParam("from", today.minusDays(29).toString())
                .queryParam("to", today.plusDays(1).toString()).when().get("/api/v1/analytics").then().statusCode(200)
                .extract().jsonPath();
        assertThat(api.getLong("total")).isGreaterThanOrEqualTo(seeded.total());

        for (String chart : CHARTS) {
            WebElement card = browser.driver.findElement(By.cssSelector("[data-chart='" + chart + "']"));
            assertThat(card.getAttribute("data-state")).as(chart).isEqualTo("drawn");
            assertThat(card.findElements(By.cssSelector("svg rect.bar"))).as(chart).isNotEmpty();
        }
        assertThat(values("byPrimary")).containsExactlyInAnyOrderElementsOf(
                api.getMap("byPrimary", String.class, Long.class).values());
        assertThat(values("channels")).containsExactlyInAnyOrderElementsOf(
                api.getMap("channels", String.class, Long.class).values());
        assertThat(sum(values("perDay"))).isEqualTo(api.getLong("total"));
        assertThat(sum(values("rulesVersions"))).isEqualTo(api.getLong("total"));
        assertThat(values("unmetNeeds")).isEqualTo(api.getList("unmetNeeds.count", Long.class));
        assertThat(text("utmSources")).contains(seeded.utmSource());
        assertThat(browser.driver.findElement(By.id("total")).getText().replaceAll("\\D", ""))
                .isEqualTo(api.getString("total"));
        assertThat(browser.driver.findElement(By.cssSelector("[data-chart='deliveries']")).getAttribute("data-state"))
                .isEqualTo("empty");
        String page = browser.driver.findElement(By.tagName("body")).getText() + text("byPrimary")
                + text("entityTypes");
        assertThat(page).contains(WORDS.get(lang));

        browser.screenshot("dashboard-" + lang + ".png", 1200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "en", "zh-CN" })
    void aTenantKeyShowsThatTenantsNumbersOnly(String lang) {
        if (acmeKey == null) {
            acme = "acme-" + UUID.randomUUID().toString().substring(0, 8);
            acmeKey = Leads.tenantKey(acme, "Acme Digital");
            String globex = "globex-" + UUID.randomUUID().toString().substring(0, 8);
            globexSeeded = InsightSeed.seed(2, Leads.tenantKey(globex, "Globex"));
            acmeSeeded = InsightSeed.seed(1, acmeKey);
        }
        open(lang, acmeKey);

        assertThat(browser.driver.findElement(By.id("scope")).getText())
                .isEqualTo(TENANT.get(lang) + "Acme Digital" + (lang.equals("en") ? " (" + acme + ")" : "（" + acme + "）"));
        // The tenant is new: the page shows exactly its seeded decisions, none of the other tenant's.
        assertThat(browser.driver.findElement(By.id("total")).getText().replaceAll("\\D", ""))
                .isEqualTo(String.valueOf(acmeSeeded.total()));
        assertThat(values("byPrimary").stream().filter(v -> v > 0).sorted().toList()).isEqualTo(acmeSeeded
                .byPrimary().values().stream().map(Integer::longValue).sorted().toList());
        assertThat(sum(values("perDay"))).isEqualTo(acmeSeeded.total());
        assertThat(sum(values("channels"))).isEqualTo(acmeSeeded.total());
        assertThat(sum(values("unmetNeeds"))).isEqualTo(
                acmeSeeded.unmetNeeds().values().stream().mapToLong(Integer::longValue).sum());
        assertThat(text("utmSources")).contains(acmeSeeded.utmSource()).doesNotContain(globexSeeded.utmSource());
        assertThat(browser.driver.findElement(By.cssSelector("[data-chart='byPrimary']")).getAttribute("data-state"))
                .isEqualTo("drawn");

        browser.screenshot("dashboard-tenant-" + lang + ".png", 1200);
    }

    /** Opens the page in a language with a fresh tab storage, types the key, and waits for every chart. */
    private void open(String lang, String key) {
        browser.driver.get(dashboard + "?lang=" + lang);
        browser.js("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
        assertThat(browser.visible(By.id("key-form")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("charts")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElement(By.id("scope")).isDisplayed()).isFalse();

        browser.visible(By.id("key")).sendKeys(key);
        browser.driver.findElement(By.id("key-open")).click();
        browser.waitFor(driver -> driver.findElements(By.cssSelector("[data-chart]:not([data-state])")).isEmpty());
        assertThat(browser.js("return sessionStorage.length")).isEqualTo(1L);
        assertThat(browser.js("return localStorage.length")).as("the key stays in the tab").isEqualTo(0L);
    }

    private static List<Long> values(String chart) {
        List<Long> values = new ArrayList<>();
        for (WebElement bar : browser.driver.findElements(By.cssSelector("[data-chart='" + chart + "'] rect.bar"))) {
            values.add(Long.parseLong(bar.getAttribute("data-value")));
        }
        return values;
    }

    private static long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }

    /** The texts drawn in a chart (SVG text is not in getText of its card in every driver). */
    private static String text(String chart) {
        return (String) browser.js("return document.querySelector(\"[data-chart='\" + arguments[0] + \"']\").textContent",
                chart);
    }
}
