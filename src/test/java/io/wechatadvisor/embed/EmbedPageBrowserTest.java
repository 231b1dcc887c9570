package io.wechatadvisor.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The advisor page at /embed in a real browser (headless Chromium), opened directly. */
@QuarkusTest
class EmbedPageBrowserTest {

    static final String BAKERY = "entityType=ENTERPRISE&wantsPayment=true&offlinePresence=SINGLE_LOCATION"
            + "&contentCadence=MONTHLY&industry=CATERING";
    static final String RESTAURANT_CHAIN = "entityType=ENTERPRISE&wantsPayment=true&offlinePresence=MULTIPLE_LOCATIONS"
            + "&contentCadence=WEEKLY&goals=SELL_PRODUCTS,BOOKINGS,CUSTOMER_SERVICE&industry=CATERING"
            + "&needsProactivePush=true";
    static final String MARKET_STALL = "entityType=INDIVIDUAL&wantsPayment=true&offlinePresence=SINGLE_LOCATION"
            + "&contentCadence=NONE&goals=SELL_PRODUCTS";

    /**
     * Every rendered element with text of its own, whose colour against its effective background
     * fails WCAG AA (4.5:1, or 3:1 for large text).
     */
    static final String CONTRAST_FAILURES = """
            function rgb(value) {
              var m = /rgba?\\(([^)]+)\\)/.exec(value);
              if (!m) { return null; }
              var p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(parseFloat);
              return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
            }
            function luminance(c) {
              return [c.r, c.g, c.b].map(function (v) {
                v = v / 255;
                return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
              }).reduce(function (sum, v, i) { return sum + v * [0.2126, 0.7152, 0.0722][i]; }, 0);
            }
            function background(element) {
              for (var e = element; e; e = e.parentElement) {
                var c = rgb(getComputedStyle(e).backgroundColor);
                if (c && c.a > 0) { return c; }
              }
              return { r: 255, g: 255, b: 255, a: 1 };
            }
            var failures = [];
            document.querySelectorAll('body *').forEach(function (e) {
              var own = Array.prototype.some.call(e.childNodes, function (n) {
                return n.nodeType === 3 && n.textContent.trim();
              });
              var box = e.getBoundingClientRect();
              var style = getComputedStyle(e);
              if (!own || !box.width || !box.height || style.visibility === 'hidden') { return; }
              var a = luminance(rgb(style.color)), b = luminance(background(e));
              var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
              var large = size >= 24 || (bold && size >= 18.66);
              if (ratio < (large ? 3 : 4.5)) {
                failures.push(e.tagName + '.' + e.className + ' ' + ratio.toFixed(2) + ' "'
                  + e.textContent.trim().slice(0, 40) + '"');
              }
            });
            return failures;""";

    static Browser browser;

    @TestHTTPResource("/")
    URL app;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void back() {
        browser.desktop();
    }

    private void open(String query) {
        browser.driver.get(app + "embed?" + query);
        browser.visible(By.id("advisor-submit"));
    }

    private WebElement waitForRanking() {
        return browser.visible(By.cssSelector("#advisor-ranking > li"));
    }

    @Test
    void theVisitorFillsTheFormAndSeesTheRankedAnswerInEnglish() {
        open("lang=en");
        assertThat(browser.driver.findElement(By.cssSelector("label[for=entityType]")).getText())
                .isEqualTo("Who would register the account?");
        assertThat(browser.driver.findElement(By.id("advisor-more")).getAttribute("open")).isNull();

        new Select(browser.driver.findElement(By.id("entityType"))).selectByValue("ENTERPRISE");
        browser.driver.findElement(By.cssSelector("label[for=wantsPayment-true]")).click();
        new Select(browser.driver.findElement(By.id("offlinePresence"))).selectByValue("MULTIPLE_LOCATIONS");
        new Select(browser.driver.findElement(By.id("contentCadence"))).selectByValue("WEEKLY");
        browser.driver.findElement(By.cssSelector("#advisor-more > summary")).click();
        for (String goal : List.of("SELL_PRODUCTS", "BOOKINGS", "CUSTOMER_SERVICE")) {
            browser.driver.findElement(By.cssSelector("label[for=goals-" + goal + "]")).click();
        }
        new Select(browser.driver.findElement(By.id("industry"))).selectByValue("CATERING");
        browser.driver.findElement(By.cssSelector("label[for=needsProactivePush]")).click();
        browser.driver.findElement(By.id("advisor-submit")).click();

        WebElement first = waitForRanking();
        assertThat(first.getAttribute("data-product")).isEqualTo("MINI_PROGRAM_ENTERPRISE");
        assertThat(first.findElement(By.cssSelector(".product-name")).getText()).isEqualTo("Enterprise mini program");
        assertThat(first.findElement(By.cssSelector(".fit")).getText()).isEqualTo("Strong fit");
        assertThat(first.findElement(By.cssSelector(".rank")).getText()).isEqualTo("No. 1");
        List<String> reasons = first.findElements(By.cssSelector(".reasons li")).stream().map(WebElement::getText).toList();
        assertThat(reasons).isNotEmpty().anySatisfy(reason -> assertThat(reason).startsWith("+40 "));
        assertThat(first.findElements(By.cssSelector(".warnings li"))).isNotEmpty();
        assertThat(browser.texts(By.cssSelector("#advisor-ranking > li .rank")))
                .containsExactly("No. 1", "No. 2", "No. 3", "No. 4", "No. 5");

        assertThat(browser.driver.findElement(By.cssSelector(".plan-primary")).getText())
                .isEqualTo("Start with: Enterprise mini program");
        WebElement companion = browser.driver.findElement(By.cssSelector(".plan-companions li"));
        assertThat(companion.getAttribute("data-product")).isEqualTo("SERVICE_ACCOUNT");
        assertThat(companion.getText()).contains("Service account").contains("Covers: Pushing messages to followers");
        assertThat(browser.driver.findElement(By.id("advisor-status")).getText())
                .isEqualTo("Your recommendation is ready below.");
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("advisor-result");
        browser.screenshot("embed-en.png", 760);
    }

    @Test
    void prefilledWithSubmitItAnswersStraightAwayInChinese() {
        browser.driver.get(app + "embed?" + BAKERY + "&submit=true&lang=zh-CN");
        WebElement first = waitForRanking();
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.driver.findElement(By.id("advisor-title")).getText()).isEqualTo("微信账号选型顾问");
        assertThat(browser.driver.findElement(By.id("advisor-submit")).getText()).isEqualTo("查看推荐");
        assertThat(browser.driver.findElement(By.cssSelector("label[for=entityType]")).getText()).isEqualTo("由谁注册账号？");
        assertThat(new Select(browser.driver.findElement(By.id("entityType"))).getFirstSelectedOption().getText())
                .isEqualTo("企业");
        assertThat(browser.driver.findElement(By.id("wantsPayment-true")).isSelected()).isTrue();

        assertThat(first.findElement(By.cssSelector(".product-name")).getText()).isEqualTo("企业小程序");
        assertThat(first.findElement(By.cssSelector(".fit")).getText()).isEqualTo("非常适合");
        assertThat(first.findElement(By.cssSelector(".rank")).getText()).isEqualTo("第 1 名");
        assertThat(first.findElement(By.cssSelector(".reasons li")).getText()).containsPattern("[\\u4e00-\\u9fff]");
        assertThat(browser.driver.findElement(By.id("plan-title")).getText()).isEqualTo("组合方案");
        assertThat(browser.driver.findElement(By.cssSelector(".plan-primary")).getText()).isEqualTo("首选：企业小程序");
        assertThat(browser.texts(By.cssSelector(".excluded-list li"))).singleElement()
                .satisfies(text -> assertThat(text).startsWith("个人小程序："));
        browser.screenshot("embed-zh-CN.png", 760);
    }

    @Test
    void unmetNeedsSayWhatWouldChangeThem() {
        browser.driver.get(app + "embed?" + MARKET_STALL + "&submit=true&lang=en");
        assertThat(waitForRanking().getAttribute("data-product")).isEqualTo("MICRO_STORE");
        WebElement unmet = browser.driver.findElement(By.cssSelector(".plan-unmet li"));
        assertThat(unmet.getAttribute("data-need")).isEqualTo("NEARBY_DISCOVERY");
        assertThat(unmet.getText()).startsWith("Discovery by people nearby")
                .contains("What would change this:").contains("organisation");
        assertThat(browser.texts(By.cssSelector(".excluded-list li")))
                .anySatisfy(text -> assertThat(text).startsWith("Service account: "));
    }

    @Test
    void aReasonsQuoteAndAJudgementsRationaleOpenOnDemandFromTheKeyboard() {
        browser.driver.get(app + "embed?" + MARKET_STALL + "&submit=true&lang=zh-CN");
        WebElement first = waitForRanking();
        assertThat(first.getAttribute("data-product")).isEqualTo("MICRO_STORE");

        WebElement warning = first.findElement(By.cssSelector(".warnings li[data-rule=WARN-MICROSTORE-THIRD-PARTY]"));
        WebElement evidence = warning.findElement(By.cssSelector("details.evidence"));
        WebElement quote = evidence.findElement(By.tagName("blockquote"));
        assertThat(evidence.getAttribute("open")).isNull();
        assertThat(quote.isDisplayed()).isFalse();
        WebElement summary = evidence.findElement(By.tagName("summary"));
        assertThat(summary.getText()).isEqualTo("资料原文（MP-VS-MICROSTORE）");
        summary.sendKeys(Keys.ENTER);
        assertThat(evidence.getAttribute("open")).isNotNull();
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(summary);
        assertThat(quote.isDisplayed()).isTrue();
        assertThat(quote.getText()).isEqualTo("the mini program is the official production of WeChat, and the micro ** is "
                + "the ** construction platform provided by a third party.");
        assertThat(quote.getDomAttribute("lang")).isEqualTo("en");

        WebElement base = first.findElement(By.cssSelector(".reasons li[data-rule=BASE-ELIGIBLE]"));
        WebElement rationale = base.findElement(By.cssSelector("details.rationale"));
        rationale.findElement(By.tagName("summary")).sendKeys(Keys.SPACE);
        assertThat(rationale.findElement(By.tagName("p")).getText()).containsPattern("[\\u4e00-\\u9fff]");

        WebElement excluded = browser.driver.findElement(By.cssSelector(".excluded-list li[data-product=SERVICE_ACCOUNT]"));
        WebElement excludedEvidence = excluded.findElement(By.cssSelector("details.evidence"));
        excludedEvidence.findElement(By.tagName("summary")).click();
        assertThat(excludedEvidence.findElement(By.tagName("blockquote")).getText()).endsWith("Not applicable to individuals.");
        assertThat(contrastFailures()).isEmpty();
        browser.screenshot("embed-evidence.png", 760);
    }

    @Test
    void anErrorFromTheServiceIsShownWithItsDetailAndFields() {
        String tooLong = "x".repeat(129);
        browser.driver.get(app + "embed?" + BAKERY + "&externalId=" + tooLong + "&submit=true&lang=en");
        WebElement problem = browser.visible(By.id("advisor-problem"));
        assertThat(problem.getAttribute("role")).isEqualTo("alert");
        assertThat(problem.findElement(By.tagName("h2")).getText()).isEqualTo("The advisor could not answer");
        assertThat(problem.findElement(By.cssSelector(".problem-detail")).getText()).isEqualTo("Invalid field: externalId.");
        assertThat(problem.findElement(By.cssSelector(".problem-detail")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(problem.findElement(By.cssSelector(".problem-fields li")).getText())
                .startsWith("Lead reference (externalId): ").contains("128");
        assertThat(browser.driver.findElement(By.id("advisor-result")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElement(By.id("advisor-submit")).isEnabled()).isTrue();
        assertThat(contrastFailures()).isEmpty();
        browser.screenshot("embed-error.png", 760);
    }

    @Test
    void missingAnswersAreMarkedBeforeAnythingIsSent() {
        open("lang=zh-CN");
        browser.driver.findElement(By.id("advisor-submit")).click();
        WebElement error = browser.visible(By.id("error-entityType"));
        assertThat(error.getText()).isEqualTo("请回答此问题。");
        assertThat(browser.driver.findElement(By.id("entityType")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.id("entityType")).getAttribute("aria-describedby"))
                .isEqualTo("error-entityType");
        assertThat(browser.driver.findElement(By.id("error-wantsPayment")).isDisplayed()).isTrue();
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("entityType");
        assertThat(browser.driver.findElement(By.cssSelector("#advisor-problem .problem-detail")).getText())
                .isEqualTo("请回答下方标出的问题。");
        assertThat(browser.driver.findElement(By.cssSelector("#advisor-problem .problem-detail")).getDomAttribute("lang"))
                .isNull();
        assertThat(browser.driver.findElement(By.id("advisor-result")).isDisplayed()).isFalse();
    }

    @Test
    void unknownAndHostilePrefillValuesAreIgnoredNeverInjected() {
        String hostile = "<img src=x onerror=window.__pwned=1>";
        String query = "lang=xx&entityType=" + enc(hostile) + "&wantsPayment=maybe&offlinePresence=SOMEWHERE"
                + "&contentCadence=" + enc("\"><script>window.__pwned=2</script>")
                + "&goals=" + enc("SELL_PRODUCTS,<b>bold</b>,NOPE") + "&industry=NOPE&needsProactivePush=yes"
                + "&externalId=" + enc("<b id=injected>lead</b>")
                + "&accent=" + enc("red;}body{display:none") + "&background=" + enc("url(javascript:alert(1))")
                + "&font=" + enc("Comic Sans MS") + "&parentOrigin=" + enc("javascript:alert(1)");
        open(query);
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(new Select(browser.driver.findElement(By.id("entityType"))).getFirstSelectedOption().getAttribute("value"))
                .isEmpty();
        assertThat(browser.driver.findElement(By.id("wantsPayment-true")).isSelected()).isFalse();
        assertThat(browser.driver.findElement(By.id("wantsPayment-false")).isSelected()).isFalse();
        assertThat(browser.driver.findElement(By.id("offlinePresence")).getAttribute("value")).isEmpty();
        assertThat(browser.driver.findElement(By.id("contentCadence")).getAttribute("value")).isEmpty();
        assertThat(browser.driver.findElement(By.id("industry")).getAttribute("value")).isEmpty();
        assertThat(browser.driver.findElement(By.id("goals-SELL_PRODUCTS")).isSelected()).isTrue();
        assertThat(browser.driver.findElements(By.cssSelector("input[name=goals]:checked"))).hasSize(1);
        assertThat(browser.driver.findElement(By.id("needsProactivePush")).isSelected()).isFalse();
        assertThat(browser.driver.findElement(By.id("externalId")).getAttribute("value")).isEqualTo("<b id=injected>lead</b>");
        assertThat(browser.driver.findElements(By.cssSelector("img, b, #injected, body script:not([src])"))).isEmpty();
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(cssVariable("--accent")).isEqualTo("#0a6e4a");
        assertThat(cssVariable("--background")).isEqualTo("#ffffff");
        assertThat(browser.driver.findElement(By.tagName("body")).isDisplayed()).isTrue();
    }

    @Test
    void aHostThemesItWithCheckedColoursAndFonts() {
        open(BAKERY + "&accent=%23005f73&background=%23fffdf7&font=serif");
        assertThat(cssVariable("--accent")).isEqualTo("#005f73");
        assertThat(cssVariable("--accent-ink")).isEqualTo("#ffffff");
        assertThat(cssVariable("--background")).isEqualTo("#fffdf7");
        assertThat(browser.driver.findElement(By.id("advisor-submit")).getCssValue("background-color"))
                .isEqualTo("rgba(0, 95, 115, 1)");
        assertThat(browser.driver.findElement(By.tagName("body")).getCssValue("font-family")).startsWith("Georgia");
        browser.screenshot("embed-themed.png", 760);

        // Colours that would fail WCAG AA are ignored: yellow on white, and dark text on a dark background.
        open(BAKERY + "&accent=%23ff0&background=%23222222");
        assertThat(cssVariable("--accent")).isEqualTo("#0a6e4a");
        assertThat(cssVariable("--background")).isEqualTo("#ffffff");
        browser.driver.findElement(By.id("advisor-submit")).click();
        waitForRanking();
        assertThat(contrastFailures()).isEmpty();
    }

    @Test
    void everyTextPassesWcagAaContrast() {
        browser.driver.get(app + "embed?" + RESTAURANT_CHAIN + "&submit=true&lang=en");
        waitForRanking();
        browser.js("document.querySelectorAll('details').forEach(function (d) { d.open = true; })");
        assertThat(contrastFailures()).isEmpty();
    }

    @Test
    void everyFieldHasALabelAndTheKeyboardReachesItWithAVisibleFocus() {
        open("lang=en");
        List<String> unlabelled = new ArrayList<>();
        for (WebElement control : browser.driver.findElements(By.cssSelector("select, input:not([type=hidden]), button"))) {
            String id = control.getAttribute("id");
            boolean labelled = !browser.driver.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty()
                    || !control.getText().isBlank();
            if (!labelled) {
                unlabelled.add(id);
            }
        }
        assertThat(unlabelled).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("fieldset > legend"))).hasSize(3);

        List<String> reached = new ArrayList<>();
        List<String> withoutFocusRing = new ArrayList<>();
        for (int i = 0; i < 12 && !reached.contains("advisor-submit"); i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.driver.switchTo().activeElement();
            String id = focused.getDomAttribute("id");
            String name = id == null || id.isEmpty() ? focused.getTagName() : id;
            reached.add(name);
            String outline = focused.getCssValue("outline-style");
            double width = Double.parseDouble(focused.getCssValue("outline-width").replace("px", ""));
            if ("none".equals(outline) || width < 2) {
                withoutFocusRing.add(name);
            }
        }
        assertThat(reached).containsExactly("entityType", "wantsPayment-true", "offlinePresence", "contentCadence",
                "summary", "advisor-submit");
        assertThat(withoutFocusRing).isEmpty();

        // Enter on the button submits; the first missing answer gets the focus.
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        browser.visible(By.id("error-entityType"));
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("entityType");
        // Space opens the "more" disclosure from the keyboard.
        browser.driver.findElement(By.cssSelector("#advisor-more > summary")).sendKeys(Keys.SPACE);
        assertThat(browser.driver.findElement(By.id("advisor-more")).getAttribute("open")).isNotNull();
    }

    @Test
    void atPhoneWidthNothingScrollsSideways() {
        browser.phone(360, 780);
        browser.driver.get(app + "embed?" + RESTAURANT_CHAIN + "&submit=true&lang=zh-CN");
        waitForRanking();
        browser.js("document.querySelectorAll('details').forEach(function (d) { d.open = true; })");
        assertThat(browser.js("return window.innerWidth")).isEqualTo(360L);
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
        @SuppressWarnings("unchecked")
        List<String> overflowing = (List<String>) browser.js("""
                var out = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  var box = e.getBoundingClientRect();
                  if (box.width && box.right > window.innerWidth + 0.5) { out.push(e.tagName + '#' + e.id + '.' + e.className); }
                });
                return out;""");
        assertThat(overflowing).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> font = (Map<String, Object>) browser.js(
                "var s = getComputedStyle(document.querySelector('.reasons li')); return { size: s.fontSize };");
        assertThat(Double.parseDouble(((String) font.get("size")).replace("px", ""))).isGreaterThanOrEqualTo(16);
        browser.js("document.querySelectorAll('#advisor-ranking > li:not(:first-child) details')"
                + ".forEach(function (d) { d.open = false; })");
        browser.screenshot("embed-zh-CN-phone.png");
    }

    private String cssVariable(String name) {
        return String.valueOf(browser.js(
                "return getComputedStyle(document.documentElement).getPropertyValue(arguments[0]).trim()", name));
    }

    @SuppressWarnings("unchecked")
    private List<String> contrastFailures() {
        return (List<String>) browser.js(CONTRAST_FAILURES);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
