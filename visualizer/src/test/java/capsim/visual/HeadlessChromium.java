package capsim.visual;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through chromedriver: the one browser setup of every browser test
 * (visualizer's test jar; the scenarios module's chart test uses it too). A test class starts one in its
 * {@code @BeforeAll} and closes it in its {@code @AfterAll}. Tests that need it are skipped, not failed, when
 * chromium or chromedriver is not installed (apt packages {@code chromium} and {@code chromium-driver}).
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Debian's paths; overridable with -Dcapsim.chromium=... and -Dcapsim.chromedriver=... */
    public static final Path CHROMIUM = Path.of(System.getProperty("capsim.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("capsim.chromedriver", "/usr/bin/chromedriver"));
    /** Selenium logs through java.util.logging; a static reference keeps the level from being collected. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Skips the calling test (JUnit assumption) unless chromium and chromedriver are installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                        + CHROMEDRIVER + ")");
    }

    /** Starts the browser (after {@link #assumeInstalled()}), with a fresh profile under {@code target/}. */
    public static HeadlessChromium start() throws java.io.IOException {
        assumeInstalled();
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(service, driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code file} and returns what {@code script} (a function body) returns there. */
    public Object open(Path file, String script) {
        driver.get(file.toUri().toString());
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Ends the browser and its driver; safe to call on a test class whose start was skipped (null). */
    public static void close(HeadlessChromium browser) {
        if (browser != null) {
            browser.close();
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
