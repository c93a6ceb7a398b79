package io.biometriccore.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser of the browser tests: headless Debian Chromium driven by Debian's chromedriver. The paths
 * are fixed, so Selenium Manager is never asked to find or download anything, and the flags keep
 * Chromium off the network, which this machine closes.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MISSING = "%s is missing: install the Debian packages chromium and chromium-driver"
            + " (bin/test does it when run as root)";

    private HeadlessChromium() {
    }

    /** For a {@code @BeforeAll}: fails with the packages to install when either is missing. */
    public static void requireInstalled() {
        assertThat(CHROMIUM).as(MISSING, CHROMIUM).isExecutable();
        assertThat(CHROMEDRIVER).as(MISSING, CHROMEDRIVER).isExecutable();
    }

    /** Headless, sandboxless (as root), off the network, with its profile in {@code profile}. */
    public static ChromeOptions options(Path profile) {
        return new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
    }

    public static ChromeDriver start(ChromeOptions options) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
