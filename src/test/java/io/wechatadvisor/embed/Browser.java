package io.wechatadvisor.embed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system's packages ({@link #INSTALL}, as the README and .ci/run say),
 * driven by Selenium with explicit paths: nothing is downloaded. Each instance has a fresh profile,
 * removed on close.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("advisor.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("advisor.test.chromedriver", "/usr/bin/chromedriver");
    /** The one line that installs both, as the README gives it. */
    static final String INSTALL = "sudo apt-get install -y chromium chromium-driver";
    /** Generous bound for a page, the API call and its rendering; a wait ends as soon as its condition holds. */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    public final ChromeDriver driver;
    private final Path profile;
    private int[] phone;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        String missing = missing(CHROMIUM, CHROMEDRIVER);
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("advisor-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1024,900", "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        return new Browser(driver, profile);
    }

    /**
     * What is missing to run a browser, with the one line that installs it (the README's, under "On
     * a fresh machine"); {@code null} when both programs are there.
     */
    static String missing(String chromium, String chromedriver) {
        List<String> missing = Stream.of(chromium, chromedriver).filter(file -> !new File(file).canExecute())
                .toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "The browser tests need Chromium and chromedriver; not found: " + String.join(", ", missing)
                + ". Install them with: " + INSTALL + " (Debian or Ubuntu, as .ci/run does), or point"
                + " -Dadvisor.test.chromium=... and -Dadvisor.test.chromedriver=... at your own.";
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncJs(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    public WebElement visible(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Emulates a phone's viewport (CSS pixels), as the device toolbar does. */
    void phone(int width, int height) {
        phone = new int[] { width, height };
        emulate(width, height, true);
    }

    void desktop() {
        phone = null;
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void emulate(long width, long height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Saves the whole page as target/screenshots/NAME, at the current width. */
    public Path screenshot(String name) {
        return screenshot(name, ((Number) js("return window.innerWidth")).longValue());
    }

    /**
     * Saves the whole page as target/screenshots/NAME, laid out at the given width: the viewport is
     * made as tall as the page for the shot (so iframes are painted too), then restored.
     */
    public Path screenshot(String name, long width) {
        boolean mobile = phone != null;
        emulate(width, 800, mobile);
        long height = ((Number) js("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
        emulate(width, height, mobile);
        try {
            js("return new Promise(function (resolve) { requestAnimationFrame(function () { requestAnimationFrame(resolve); }); })");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name);
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (phone != null) {
                emulate(phone[0], phone[1], true);
            } else {
                desktop();
            }
        }
    }

    public List<String> texts(By by) {
        return driver.findElements(by).stream().map(WebElement::getText).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
