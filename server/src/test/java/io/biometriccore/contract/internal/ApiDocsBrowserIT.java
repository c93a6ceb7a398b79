package io.biometriccore.contract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.HeadlessChromium;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /docs/api} in a real browser (headless Debian Chromium, as in {@code DemoPageBrowserIT}):
 * Swagger UI renders the contract's operations, every resource the page loaded came from this server,
 * and the browser reported no Content-Security-Policy violation and no other error.
 */
class ApiDocsBrowserIT extends PostgresIntegrationTest {

    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path profile;

    private ChromeDriver browser;

    @BeforeAll
    static void chromiumIsInstalled() {
        HeadlessChromium.requireInstalled();
    }

    @BeforeEach
    void startBrowser() {
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = HeadlessChromium.options(profile);
        options.setCapability("goog:loggingPrefs", logs);
        browser = HeadlessChromium.start(options);
    }

    @AfterEach
    void quitBrowser() {
        browser.quit();
    }

    @Test
    void rendersTheContractsOperationsFromThisServerAlone() {
        String origin = "http://localhost:" + port;
        browser.get(origin + "/docs/api");

        List<WebElement> operations = new WebDriverWait(browser, RENDER_TIMEOUT).until(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector(".opblock-summary-path"));
            return found.isEmpty() ? null : found;
        });

        assertThat(operations).extracting(WebElement::getText)
                .contains("/v1/tenants/{tenantId}/registration/options", "/openapi.yaml");
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).startsWith("Biometric Core");
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name)");
        assertThat(loaded).isNotEmpty().contains(origin + "/openapi.yaml").allMatch(url -> url.startsWith(origin + "/"));
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .extracting(LogEntry::getMessage).isEmpty();
    }
}
