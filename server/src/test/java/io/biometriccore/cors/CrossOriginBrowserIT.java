package io.biometriccore.cors;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.biometriccore.testsupport.HeadlessChromium;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Protocol;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Transport;

/**
 * A bank's web app on an origin of its own calls the client API from the browser (ADR 0029): headless
 * Chromium loads a page from a second local HTTP server, {@code http://localhost:<port2>}, listed in the
 * tenant's {@code allowedOrigins} (RP ID {@code localhost}); its script registers and signs in with the
 * WebAuthn virtual authenticator through cross-origin {@code fetch}. The same page from
 * {@code http://127.0.0.1:<port2>}, an origin the tenant does not list, is blocked by CORS.
 */
class CrossOriginBrowserIT extends PostgresIntegrationTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

    /** The bank's page: WebAuthn L3 JSON through the browser's own helpers, every call cross-origin. */
    private static final String PAGE = """
            <!doctype html><html><head><meta charset="utf-8"><title>Bank web app</title></head><body><script>
            async function post(url, body) {
              const response = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                                 body: JSON.stringify(body)});
              const json = await response.json();
              if (!response.ok) throw new Error(json.code + ': ' + json.detail);
              return json;
            }
            async function registerAndSignIn(api, username) {
              const creation = await post(api + '/registration/options', {username: username, displayName: username});
              const created = await navigator.credentials.create({
                publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(creation)});
              await post(api + '/registration/verify', created.toJSON());
              const request = await post(api + '/authentication/options', {username: username});
              const assertion = await navigator.credentials.get({
                publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(request)});
              const tokens = await post(api + '/authentication/verify', assertion.toJSON());
              return 'Signed in as ' + tokens.username + (tokens.access_token ? ' with a token' : ' without a token');
            }
            async function askForOptions(api) {
              try {
                const response = await fetch(api + '/authentication/options', {method: 'POST',
                    headers: {'Content-Type': 'application/json'}, body: '{}'});
                return 'read ' + response.status;
              } catch (e) {
                return 'blocked: ' + e.name;
              }
            }
            </script></body></html>
            """;

    @TempDir
    Path profile;

    private HttpServer bankSite;
    private ChromeDriver browser;
    private String tenantApi;

    @BeforeAll
    static void chromiumIsInstalled() {
        HeadlessChromium.requireInstalled();
    }

    @BeforeEach
    void startBankSiteTenantAndBrowser() throws IOException {
        bankSite = HttpServer.create(new InetSocketAddress(0), 0);
        bankSite.createContext("/", exchange -> {
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        bankSite.start();
        String tenant = "web-" + UUID.randomUUID().toString().substring(0, 8);
        api.putTenant(tenant, Map.of("rpId", "localhost", "rpName", "Bank", "openEnrollment", true,
                "allowedOrigins", List.of("http://localhost:" + bankSite.getAddress().getPort()),
                // Chromium's virtual authenticator attests with a self-signed certificate, which is self
                // attestation in effect (ADR 0038); this test is about CORS, so the tenant accepts it.
                "policy", Map.of("allowNoneAttestation", true, "allowSelfAttestation", true,
                        "residentKey", "required")));
        tenantApi = "http://localhost:" + port + "/v1/tenants/" + tenant;
        browser = HeadlessChromium.start(HeadlessChromium.options(profile));
        browser.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
    }

    @AfterEach
    void stopBrowserAndBankSite() {
        browser.quit();
        bankSite.stop(0);
    }

    @Test
    void aPageOnTheTenantsOwnOriginRegistersAndSignsInThroughTheClientApi() {
        browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions().setProtocol(Protocol.CTAP2)
                .setTransport(Transport.INTERNAL).setHasResidentKey(true).setHasUserVerification(true)
                .setIsUserVerified(true).setIsUserConsenting(true));
        browser.get("http://localhost:" + bankSite.getAddress().getPort() + "/");

        assertThat(run("registerAndSignIn(arguments[0], 'alice')")).isEqualTo("Signed in as alice with a token");
    }

    @Test
    void aPageOnAnOriginTheTenantDoesNotListIsBlockedByCors() {
        browser.get("http://localhost:" + bankSite.getAddress().getPort() + "/");
        assertThat(run("askForOptions(arguments[0])")).isEqualTo("read 200");

        browser.get("http://127.0.0.1:" + bankSite.getAddress().getPort() + "/");
        assertThat(run("askForOptions(arguments[0])")).isEqualTo("blocked: TypeError");
    }

    /** Runs a promise-returning call of the page with the tenant's API base and answers what it settles to. */
    private Object run(String call) {
        return browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + call + ".then(done, e => done('Failed: ' + e.message));", tenantApi);
    }
}
