package capsim.visual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The viewer in a real browser: Debian's chromium, headless, driven through chromedriver. Skipped (not
 * failed) only when chromium or chromedriver is not installed (apt packages {@code chromium} and
 * {@code chromium-driver}). The rendered viewer stays in {@code target/viewer-test/}, the screenshot in
 * {@code target/viewer-step-3.png}.
 */
class ViewerBrowserTest {
    static HeadlessChromium browser;
    static WebDriver driver;
    static Path index;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path out = Path.of("target", "viewer-test").toAbsolutePath();
        index = RunRenderer.render(SequenceChartTest.rpcRun(), out, Format.SVG,
                RenderOptions.defaults().withProgress(RenderProgress.none())).index();
        browser = HeadlessChromium.start();
        driver = browser.driver();
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(browser);
    }

    private static String shown() {
        return driver.findElement(By.id("step-index")).getText();
    }

    private static WebElement diagram() {
        return driver.findElement(By.cssSelector("#diagram > svg"));
    }

    @Test
    void stepsForwardAndBackWithButtonsAndArrowKeys() throws Exception {
        driver.get(index.toUri().toString());
        assertThat(shown()).isEqualTo("0");
        assertThat(diagram().findElement(By.tagName("title")).getAttribute("textContent")).isEqualTo("capsim");
        assertThat(driver.findElement(By.id("prev")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("diff-list")).getText()).contains("the initial state");

        driver.findElement(By.id("next")).click();
        assertThat(shown()).isEqualTo("1");
        assertThat(driver.findElement(By.id("step-label")).getText()).isEqualTo("server readies its buffer");
        assertThat(driver.findElement(By.cssSelector("#steps li.current")).getAttribute("data-step")).isEqualTo("1");
        driver.findElement(By.id("next")).click();
        driver.findElement(By.id("next")).click();
        assertThat(shown()).isEqualTo("3");
        assertThat(driver.findElement(By.id("diff-list")).getText()).contains("+ server (thread#");
        assertThat(driver.findElement(By.cssSelector("#sequence g.step.current")).getAttribute("data-step")).isEqualTo("3");
        // the diagram shown is step 3's: its caption names the step
        assertThat(diagram().getAttribute("innerHTML")).contains("step 3: client calls");

        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        assertThat(shown()).isEqualTo("4");
        new Actions(driver).sendKeys(Keys.ARROW_LEFT).perform();
        new Actions(driver).sendKeys(Keys.ARROW_LEFT).perform();
        assertThat(shown()).isEqualTo("2");
        assertThat(diagram().getAttribute("innerHTML")).contains("step 2: client writes");
        driver.findElement(By.id("prev")).click();
        assertThat(shown()).isEqualTo("1");
        new Actions(driver).sendKeys(Keys.END).perform();
        assertThat(shown()).isEqualTo("5");
        assertThat(driver.findElement(By.id("next")).isEnabled()).isFalse();
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        assertThat(shown()).isEqualTo("5");

        driver.findElement(By.cssSelector("#li-3")).click();
        assertThat(shown()).isEqualTo("3");
        assertThat(driver.findElements(By.cssSelector("#diagram svg"))).hasSize(1);
        byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
        Path shot = Path.of("target", "viewer-step-3.png");
        Files.write(shot, png);
        assertThat(new File(shot.toString()).length()).isGreaterThan(10_000);
    }

    @Test
    void aStepCanBeOpenedByItsAddress() {
        driver.get(index.toUri() + "#step-4");
        assertThat(shown()).isEqualTo("4");
        assertThat(diagram().isDisplayed()).isTrue();
    }
}
