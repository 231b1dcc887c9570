package io.wechatadvisor.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wechatadvisor.decisions.store.DecisionStore;

/**
 * An agency's page on another origin (127.0.0.1, port from the test profile's
 * quarkus.http.cors.origins) embeds the advisor (localhost) with the one-line snippet.
 */
@QuarkusTest
class EmbedSnippetBrowserTest {

    /** Records the advisor's events and messages the way a host page would see them. */
    private static final String RECORDER = """
            <script>
              window.advisorEvents = [];
              window.advisorMessages = [];
              ['wechat-advisor:result', 'wechat-advisor:error'].forEach(function (type) {
                document.addEventListener(type, function (event) {
                  window.advisorEvents.push({ type: event.type, target: event.target.id, bubbles: event.bubbles,
                    externalId: event.detail.externalId, answer: event.detail.answer || null,
                    problem: event.detail.problem || null });
                });
              });
              window.addEventListener('message', function (event) {
                var data = event.data || {};
                window.advisorMessages.push({ origin: event.origin, type: data.type || null,
                  height: data.height || null, hasAnswer: !!data.answer });
              });
              // As in the README: keep the recommendation with the lead.
              document.addEventListener('wechat-advisor:result', function (event) {
                var answer = event.detail.answer;
                document.getElementById('advisor-answer').value = JSON.stringify({
                  externalId: event.detail.externalId, primary: answer.plan.primary,
                  products: answer.recommendations.map(function (r) { return r.product; }),
                  rulesVersion: answer.rulesVersion });
              });
            </script>""";

    static Browser browser;
    static HostPages host;
    static HostPages stranger;

    @TestHTTPResource("/")
    URL app;

    @Inject
    DecisionStore decisions;

    @BeforeAll
    static void start() {
        String origins = ConfigProvider.getConfig().getValue("quarkus.http.cors.origins", String.class);
        host = HostPages.on(HostPages.allowedPort(origins));
        stranger = HostPages.on(0);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (host != null) {
                host.close();
            }
            if (stranger != null) {
                stranger.close();
            }
        }
    }

    @AfterEach
    void leaveTheFrame() {
        browser.driver.switchTo().defaultContent();
    }

    private String appOrigin() {
        return app.getProtocol() + "://" + app.getHost() + ":" + app.getPort();
    }

    /** A lead form with the advisor in it; attributes go on the target element. */
    private String leadForm(String path, String scriptAttributes, String targetAttributes) {
        return host.put(path, """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Agency lead form</title>%s</head>
                <body>
                  <h1>Tell us about your business</h1>
                  <form id="lead"><label>Your name <input name="name"></label>
                    <input type="hidden" name="advisorAnswer" id="advisor-answer"></form>
                  <div id="advisor" data-wechat-advisor %s></div>
                  <script src="%sembed.js" %s async></script>
                </body></html>""".formatted(RECORDER, targetAttributes, app, scriptAttributes));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events() {
        return (List<Map<String, Object>>) browser.js("return window.advisorEvents");
    }

    private Map<String, Object> firstEvent() {
        browser.waitFor(driver -> !events().isEmpty());
        return events().get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHostPageReceivesTheAnswerAsACustomEventAndStoresItWithTheLead() throws Exception {
        browser.driver.get(leadForm("/lead.html", "data-lang=\"en\"",
                "data-entity-type=\"ENTERPRISE\" data-wants-payment=\"true\" data-offline-presence=\"SINGLE_LOCATION\" "
                        + "data-content-cadence=\"MONTHLY\" data-industry=\"CATERING\" data-goals=\"SELL_PRODUCTS,BOOKINGS\" "
                        + "data-external-id=\"lead-4711\" data-submit=\"true\"") + "?utm_source=newsletter&utm_campaign=spring#top");
        Map<String, Object> event = firstEvent();
        assertThat(event).containsEntry("type", "wechat-advisor:result").containsEntry("target", "advisor")
                .containsEntry("bubbles", true).containsEntry("externalId", "lead-4711");
        Map<String, Object> answer = (Map<String, Object>) event.get("answer");
        assertThat(answer).containsEntry("externalId", "lead-4711").containsKey("rulesVersion");
        List<Map<String, Object>> ranked = (List<Map<String, Object>>) answer.get("recommendations");
        assertThat(ranked.get(0)).containsEntry("product", "MINI_PROGRAM_ENTERPRISE")
                .containsEntry("name", "Enterprise mini program").containsEntry("fit", "STRONG");
        assertThat(((Map<String, Object>) answer.get("plan"))).containsEntry("primary", "MINI_PROGRAM_ENTERPRISE");

        String stored = browser.driver.findElement(By.id("advisor-answer")).getDomProperty("value");
        assertThat(stored).contains("\"externalId\":\"lead-4711\"").contains("\"primary\":\"MINI_PROGRAM_ENTERPRISE\"");

        WebElement iframe = browser.driver.findElement(By.cssSelector("#advisor > iframe"));
        assertThat(iframe.getDomAttribute("src")).startsWith(app + "embed?")
                .contains("lang=en").contains("externalId=lead-4711").contains("submit=true")
                .contains("goals=SELL_PRODUCTS%2CBOOKINGS")
                .contains("parentOrigin=" + host.origin().replace(":", "%3A").replace("/", "%2F"));
        assertThat(iframe.getDomAttribute("title")).isEqualTo("WeChat presence advisor");
        // The decision is recorded as shown in the embed page, with the host page's attribution.
        String record = decisions.find(null, UUID.fromString((String) answer.get("decisionId"))).orElseThrow().json();
        assertThat(record).contains("\"channel\":\"EMBED\"").contains("\"externalId\":\"lead-4711\"")
                .contains("\"pageUri\":\"" + host.origin() + "/lead.html?utm_source=newsletter&utm_campaign=spring\"")
                .contains("\"utm\":{\"source\":\"newsletter\",\"campaign\":\"spring\"}");
        // Every message the host received came from the advisor's origin.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) browser.js("return window.advisorMessages");
        assertThat(messages).isNotEmpty().allSatisfy(message -> assertThat(message).containsEntry("origin", appOrigin()));
    }

    @Test
    void theIframeIsSizedToItsContent() {
        browser.driver.get(leadForm("/sized.html", "", "data-entity-type=\"INDIVIDUAL\" data-wants-payment=\"true\" "
                + "data-offline-presence=\"SINGLE_LOCATION\" data-content-cadence=\"NONE\" data-goals=\"SELL_PRODUCTS\" "
                + "data-submit=\"true\""));
        firstEvent();
        WebElement iframe = browser.driver.findElement(By.cssSelector("#advisor > iframe"));
        // The answer makes the page far taller than the iframe's first 640 px; the iframe follows it.
        browser.waitFor(driver -> {
            long frameHeight = ((Number) browser.js("return arguments[0].getBoundingClientRect().height", iframe)).longValue();
            driver.switchTo().frame(iframe);
            try {
                long content = ((Number) browser.js("return Math.ceil(document.body.getBoundingClientRect().height)"))
                        .longValue();
                long scrollable = ((Number) browser.js(
                        "return document.documentElement.scrollHeight - window.innerHeight")).longValue();
                return frameHeight > 640 && Math.abs(frameHeight - content) <= 1 && scrollable <= 0;
            } finally {
                driver.switchTo().defaultContent();
            }
        });
        browser.screenshot("embed-host-page.png");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSnippetPassesLanguageAndThemeAndTheAnswerIsInChinese() {
        browser.driver.get(leadForm("/zh.html", "data-lang=\"zh-CN\" data-accent=\"#005f73\"",
                "data-entity-type=\"ENTERPRISE\" data-wants-payment=\"true\" data-offline-presence=\"SINGLE_LOCATION\" "
                        + "data-content-cadence=\"MONTHLY\" data-external-id=\"lead-42\" data-submit=\"true\""));
        Map<String, Object> event = firstEvent();
        Map<String, Object> answer = (Map<String, Object>) event.get("answer");
        List<Map<String, Object>> ranked = (List<Map<String, Object>>) answer.get("recommendations");
        assertThat(ranked.get(0)).containsEntry("name", "企业小程序");
        WebElement iframe = browser.driver.findElement(By.cssSelector("#advisor > iframe"));
        assertThat(iframe.getDomAttribute("title")).isEqualTo("微信账号选型顾问");
        browser.driver.switchTo().frame(iframe);
        assertThat(browser.visible(By.cssSelector("#advisor-ranking > li .product-name")).getText()).isEqualTo("企业小程序");
        assertThat(browser.driver.findElement(By.id("advisor-submit")).getCssValue("background-color"))
                .isEqualTo("rgba(0, 95, 115, 1)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anErrorReachesTheHostAsAnEventAndIsShownInTheFrame() {
        browser.driver.get(leadForm("/error.html", "", "data-entity-type=\"ENTERPRISE\" data-wants-payment=\"true\" "
                + "data-offline-presence=\"NONE\" data-content-cadence=\"NONE\" data-external-id=\"" + "L".repeat(129)
                + "\" data-submit=\"true\""));
        Map<String, Object> event = firstEvent();
        assertThat(event).containsEntry("type", "wechat-advisor:error").containsEntry("externalId", "L".repeat(129));
        Map<String, Object> problem = (Map<String, Object>) event.get("problem");
        assertThat(problem).containsEntry("status", 400L).containsEntry("detail", "Invalid field: externalId.");
        assertThat((List<Map<String, Object>>) problem.get("errors")).singleElement()
                .satisfies(error -> assertThat(error).containsEntry("field", "externalId"));
        browser.driver.switchTo().frame(browser.driver.findElement(By.cssSelector("#advisor > iframe")));
        assertThat(browser.visible(By.id("advisor-problem")).getText()).contains("The advisor could not answer")
                .contains("Invalid field: externalId.").contains("Lead reference (externalId)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutAParentOriginTheAnswerIsNeverPostedButTheHeightIs() {
        host.put("/bare.html", """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bare iframe</title>%s</head>
                <body><iframe id="bare" title="advisor" style="width:100%%;height:400px;border:0"
                  src="%sembed?entityType=ENTERPRISE&amp;wantsPayment=true&amp;offlinePresence=NONE&amp;contentCadence=NONE&amp;submit=true"></iframe>
                </body></html>""".formatted(RECORDER, app));
        browser.driver.get(host.origin() + "/bare.html");
        WebElement iframe = browser.driver.findElement(By.id("bare"));
        browser.driver.switchTo().frame(iframe);
        browser.visible(By.cssSelector("#advisor-ranking > li"));
        long finalHeight = (Long) browser.js("return Math.ceil(document.body.getBoundingClientRect().height)");
        browser.driver.switchTo().defaultContent();
        // Messages from one window arrive in order: the height of the page with its answer is posted
        // after the answer would have been.
        browser.waitFor(driver -> ((List<Map<String, Object>>) browser.js("return window.advisorMessages")).stream()
                .anyMatch(message -> Long.valueOf(finalHeight).equals(message.get("height"))));
        List<Map<String, Object>> messages = (List<Map<String, Object>>) browser.js("return window.advisorMessages");
        assertThat(messages).allSatisfy(message -> assertThat(message)
                .containsEntry("type", "wechat-advisor:height").containsEntry("hasAnswer", false));
        assertThat(events()).isEmpty();
    }

    @Test
    void theAllowedHostOriginMayCallTheApiAndAnotherOriginMayNot() {
        String fetch = """
                var done = arguments[arguments.length - 1];
                fetch(arguments[0] + 'api/v1/recommendations', { method: 'POST',
                    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
                    body: JSON.stringify({ entityType: 'ENTERPRISE', wantsPayment: true,
                      offlinePresence: 'SINGLE_LOCATION', contentCadence: 'MONTHLY' }) })
                  .then(function (r) { return r.json().then(function (j) {
                    done('status ' + r.status + ' ' + j.recommendations[0].name); }); })
                  .catch(function (e) { done('refused ' + e.name); });""";
        browser.driver.get(leadForm("/api.html", "", ""));
        assertThat(browser.asyncJs(fetch, app.toString())).isEqualTo("status 200 企业小程序");

        browser.driver.get(stranger.put("/api.html", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Stranger</title></head><body><p>Another site</p></body></html>"));
        assertThat(browser.asyncJs(fetch, app.toString())).isEqualTo("refused TypeError");
    }
}
