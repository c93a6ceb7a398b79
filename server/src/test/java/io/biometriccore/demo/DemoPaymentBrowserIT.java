package io.biometriccore.demo;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.internal.AuditSealer;
import io.biometriccore.evidencetools.EvidenceCommand;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.HeadlessChromium;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Protocol;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Transport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo page's "confirm a payment" section in headless Chromium with its virtual platform
 * authenticator (user verification performed): the demo's bank registers a payment, the page shows the
 * approval options' display fields, approves with the passkey and links the evidence bundle, which the
 * offline evidence verifier accepts.
 */
@TestPropertySource(properties = "biometric.demo.enabled=true")
class DemoPaymentBrowserIT extends PostgresIntegrationTest {

    private static final Duration CEREMONY_TIMEOUT = Duration.ofSeconds(30);
    private static final String PAYEE = "ACME Supplies Ltd";
    private static final String ACCOUNT = "DE89370400440532013000";

    @TempDir
    Path files;

    @Autowired
    private AuditSealer sealer;

    private ChromeDriver browser;
    private VirtualAuthenticator authenticator;

    @BeforeAll
    static void chromiumIsInstalled() {
        HeadlessChromium.requireInstalled();
    }

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start(HeadlessChromium.options(files.resolve("profile")));
        authenticator = browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(Protocol.CTAP2)
                .setTransport(Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
        browser.get("http://localhost:" + port + "/");
    }

    @AfterEach
    void quitBrowser() {
        browser.quit();
    }

    @Test
    void approvesAPaymentShownAsRegisteredAndItsEvidenceVerifiesOffline() throws IOException {
        enrollAndSignIn("payer-" + suffix());

        askTheBank("1250.00", "EUR", "Invoice 2026-114");

        assertThat(displayed()).containsExactly(Map.entry("type", "payment"), Map.entry("amount", "1250.00 EUR"),
                Map.entry("payee", PAYEE + " (" + ACCOUNT + ")"), Map.entry("text", "Invoice 2026-114"));
        String credentialId = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(authenticator.getCredentials().getFirst().getId());

        assertThat(press("pay-approve", "pay-status")).startsWith("Approved at ").endsWith(credentialId);
        WebElement link = browser.findElement(By.id("pay-evidence"));
        assertThat(link.isDisplayed()).isTrue();

        // The sealer runs off the request path; sealing now puts the approval's audit leaf under a signed head.
        sealer.sealPending(DemoTenant.ID);
        Response bundle = api.get(link.getDomAttribute("href"), "Authorization", "Bearer " + accessToken());
        Response keys = api.get("/v1/tenants/" + DemoTenant.ID + "/evidence/jwks.json");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(keys.status()).isEqualTo(200);
        Path bundleFile = Files.writeString(files.resolve("bundle.json"), bundle.body());
        Path keysFile = Files.writeString(files.resolve("jwks.json"), keys.body());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = EvidenceCommand.run(new String[] {"verify", bundleFile.toString(), "--keys", keysFile.toString(),
                "--require-inclusion"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit status; output:%n%s%n%s", report, err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report).contains("1250.00 EUR", PAYEE, ACCOUNT, "credential " + credentialId)
                .doesNotContain("FAILED");
    }

    @Test
    void decliningShowsDeclinedAndNoEvidenceLink() {
        enrollAndSignIn("decliner-" + suffix());
        askTheBank("1250.00", "EUR", "");
        String transactionId = browser.executeScript("return payment.id").toString();

        assertThat(press("pay-decline", "pay-status")).isEqualTo("Declined: the transaction is declined");

        assertThat(browser.findElement(By.id("pay-evidence")).isDisplayed()).isFalse();
        assertThat(displayed()).doesNotContainKey("text");
        assertProblem(api.get("/demo/payments/" + transactionId + "/evidence", "Authorization",
                "Bearer " + accessToken()), 409, "evidence_not_available");
    }

    @Test
    void theEvidenceOfAnotherCustomersPaymentIsNotFound() {
        enrollAndSignIn("owner-" + suffix());
        askTheBank("1250.00", "EUR", "Invoice 2026-115");
        assertThat(press("pay-approve", "pay-status")).startsWith("Approved at ");
        String evidence = browser.findElement(By.id("pay-evidence")).getDomAttribute("href");
        String owner = accessToken();

        enrollAndSignIn("other-" + suffix());

        assertThat(api.get(evidence, "Authorization", "Bearer " + owner).status()).isEqualTo(200);
        assertProblem(api.get(evidence, "Authorization", "Bearer " + accessToken()), 404, "transaction_not_found");
        assertProblem(api.get("/demo/payments/" + UUID.randomUUID() + "/evidence", "Authorization",
                "Bearer " + owner), 404, "transaction_not_found");
        assertProblem(api.get(evidence), 401, "token_missing");
    }

    @Test
    void theBankRefusesAnAmountWithoutTheCurrencysMinorUnits() {
        enrollAndSignIn("typo-" + suffix());

        askTheBankFor("1250", "EUR", "");

        assertThat(status("pay-status")).startsWith("Failed: transaction_invalid: amount.value");
        assertThat(browser.findElement(By.id("pay-confirm")).isDisplayed()).isFalse();
    }

    @Test
    void theBankAnswersWhatItCannotReadWithProblems() {
        enrollAndSignIn("sloppy-" + suffix());
        String[] signedIn = {"Authorization", "Bearer " + accessToken()};

        assertProblem(api.post("/demo/payments", Map.of("payee", Map.of("name", PAYEE)), signedIn), 400,
                "transaction_invalid");
        assertProblem(api.badInput().post("/demo/payments", Map.of("amount", "1250.00 EUR"), signedIn), 400,
                "malformed_request");
        assertProblem(api.badInput().get("/demo/payments/not-a-uuid/evidence", signedIn), 400, "malformed_request");
        assertProblem(api.post("/demo/payments", Map.of(), "Authorization", "Bearer not-a-token"), 401,
                "token_invalid");
    }

    private void enrollAndSignIn(String username) {
        WebElement box = browser.findElement(By.id("username"));
        box.clear();
        box.sendKeys(username);
        assertThat(press("register", "status")).isEqualTo("Registered");
        assertThat(press("signin", "status")).isEqualTo("Signed in as " + username);
        assertThat(browser.findElement(By.id("payment")).isDisplayed()).isTrue();
    }

    /** Fills the payment form and waits for the confirmation the approval options make. */
    private void askTheBank(String value, String currency, String text) {
        askTheBankFor(value, currency, text);
        new WebDriverWait(browser, CEREMONY_TIMEOUT).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("pay-confirm")));
    }

    private void askTheBankFor(String value, String currency, String text) {
        type("pay-amount", value);
        type("pay-currency", currency);
        type("pay-payee-name", PAYEE);
        type("pay-payee-account", ACCOUNT);
        type("pay-text", text);
        browser.findElement(By.id("pay-register")).click();
    }

    private void type(String id, String value) {
        WebElement box = browser.findElement(By.id(id));
        box.clear();
        box.sendKeys(value);
    }

    /** The display fields as the page shows them, in order. */
    private Map<String, String> displayed() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (WebElement value : browser.findElements(By.cssSelector("#pay-display dd"))) {
            fields.merge(value.getDomAttribute("data-field"), value.getText(), (a, b) -> a + "\n" + b);
        }
        return fields;
    }

    private String accessToken() {
        return browser.executeScript("return session.access_token").toString();
    }

    /** Clicks a button with a status line blanked, and returns the status the action ends with. */
    private String press(String buttonId, String statusId) {
        browser.executeScript("document.getElementById(arguments[0]).textContent = ''", statusId);
        browser.findElement(By.id(buttonId)).click();
        return status(statusId);
    }

    private String status(String statusId) {
        return new WebDriverWait(browser, CEREMONY_TIMEOUT).until(driver -> {
            String status = driver.findElement(By.id(statusId)).getText();
            return status.isEmpty() ? null : status;
        });
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
