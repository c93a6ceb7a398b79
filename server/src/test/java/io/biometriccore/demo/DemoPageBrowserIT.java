package io.biometriccore.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.HeadlessChromium;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Protocol;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Transport;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo page in a real browser: headless Debian Chromium with its WebAuthn virtual authenticator
 * (a CTAP2 platform authenticator with user verification and discoverable credentials). The driver
 * and browser paths are fixed, so Selenium Manager is never asked to find or download anything.
 */
@TestPropertySource(properties = "biometric.demo.enabled=true")
class DemoPageBrowserIT extends PostgresIntegrationTest {

    private static final Duration CEREMONY_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path profile;

    private ChromeDriver browser;

    @BeforeAll
    static void chromiumIsInstalled() {
        HeadlessChromium.requireInstalled();
    }

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start(HeadlessChromium.options(profile));
    }

    @AfterEach
    void quitBrowser() {
        browser.quit();
    }

    @Test
    void registersThenSignsInUsernameFirstAndUsernameless() {
        VirtualAuthenticator authenticator = browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(Protocol.CTAP2)
                .setTransport(Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
        browser.get("http://localhost:" + port + "/");

        browser.findElement(By.id("username")).sendKeys("alice");
        assertThat(press("register")).isEqualTo("Registered");
        assertThat(press("signin")).isEqualTo("Signed in as alice");

        browser.findElement(By.id("username")).clear();
        assertThat(press("signin")).isEqualTo("Signed in as alice");

        List<Credential> credentials = authenticator.getCredentials();
        assertThat(credentials).hasSize(1);
        assertThat(credentials.getFirst().isResidentCredential()).isTrue();
        assertThat(credentials.getFirst().getRpId()).isEqualTo("localhost");
    }

    /** Clicks a button with the status line blanked, and returns the status the ceremony ends with. */
    private String press(String buttonId) {
        browser.executeScript("document.getElementById('status').textContent = ''");
        browser.findElement(By.id(buttonId)).click();
        return new WebDriverWait(browser, CEREMONY_TIMEOUT).until(driver -> {
            String status = driver.findElement(By.id("status")).getText();
            return status.isEmpty() ? null : status;
        });
    }
}
