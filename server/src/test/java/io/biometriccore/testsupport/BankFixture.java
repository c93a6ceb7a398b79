package io.biometriccore.testsupport;

import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import io.biometriccore.testsupport.ApiClient.Response;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One bank tenant as its backend and its customers' apps use it: closed enrollment, a tenant API key
 * with every scope, customers created by the backend, passkeys enrolled through grants, sign-in that
 * returns tokens.
 */
public final class BankFixture {

    public static final List<String> ALL_SCOPES = List.of("users", "enrollment", "devices", "sessions", "transactions");

    /** An Android app's origin, which makes a session's channel {@code mobile}. */
    public static final String ANDROID_ORIGIN = "android:apk-key-hash:" + "A".repeat(43);
    /** The test client's addresses. */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

    private final ApiClient api;
    private final String tenantId;
    private final String apiKey;

    private BankFixture(ApiClient api, String tenantId, String apiKey) {
        this.api = api;
        this.tenantId = tenantId;
        this.apiKey = apiKey;
    }

    /** A closed-enrollment tenant (none and self attestation allowed, UV required) with an all-scope key. */
    public static BankFixture create(ApiClient api, String tenantId, Map<String, Object> policy,
            Map<String, Object> sessions) {
        return create(api, tenantId, policy, sessions, Map.of());
    }

    /**
     * The same tenant with its per-address rate limits lifted for the loopback, for a test that sends
     * more failures from the test's one address than the default limits allow, on purpose.
     */
    public static BankFixture exemptFromAddressLimits(ApiClient api, String tenantId, Map<String, Object> policy,
            Map<String, Object> sessions) {
        return create(api, tenantId, policy, sessions, Map.of("exemptNetworks", LOOPBACK));
    }

    /** The same tenant with a transaction-signing policy ({@code signing} of the tenant definition). */
    public static BankFixture withSigning(ApiClient api, String tenantId, Map<String, Object> policy,
            Map<String, Object> signing) {
        return create(api, tenantId, policy, Map.of(), Map.of(), signing);
    }

    private static BankFixture create(ApiClient api, String tenantId, Map<String, Object> policy,
            Map<String, Object> sessions, Map<String, Object> rateLimits) {
        return create(api, tenantId, policy, sessions, rateLimits, Map.of());
    }

    private static BankFixture create(ApiClient api, String tenantId, Map<String, Object> policy,
            Map<String, Object> sessions, Map<String, Object> rateLimits, Map<String, Object> signing) {
        Map<String, Object> merged = new LinkedHashMap<>(Map.of("allowNoneAttestation", true,
                "allowSelfAttestation", true, "residentKey", "required"));
        merged.putAll(policy);
        api.putTenant(tenantId, Map.of("rpId", TenantFixture.RP_ID, "rpName", "Example Bank",
                "allowedOrigins", List.of(TenantFixture.ORIGIN, ANDROID_ORIGIN), "openEnrollment", false,
                "policy", merged, "sessions", sessions, "rateLimits", rateLimits, "signing", signing));
        return new BankFixture(api, tenantId, createApiKey(api, tenantId, ALL_SCOPES));
    }

    public static String createApiKey(ApiClient api, String tenantId, List<String> scopes) {
        Response created = api.admin("POST", "/v1/admin/tenants/" + tenantId + "/api-keys",
                Map.of("name", "test key", "scopes", scopes));
        require(created, 201);
        return created.json().path("key").asString();
    }

    /** The same tenant and API key, through another node's client. */
    public static BankFixture on(ApiClient node, BankFixture bank) {
        return new BankFixture(node, bank.tenantId, bank.apiKey);
    }

    /** Puts the tenant's current policy document, changed by {@code change}, as its new version. */
    public void amendPolicy(Consumer<ObjectNode> change) {
        amendPolicy(api, tenantId, change);
    }

    /** Puts {@code tenantId}'s current policy document, changed by {@code change}, as its new version. */
    public static void amendPolicy(ApiClient api, String tenantId, Consumer<ObjectNode> change) {
        String path = "/v1/admin/tenants/" + tenantId + "/policy";
        ObjectNode document = (ObjectNode) api.admin("GET", path, null).json().path("document").deepCopy();
        change.accept(document);
        require(api.admin("PUT", path, Map.of("document", document, "author", "test", "reason", "test")), 201);
    }

    public String tenantId() {
        return tenantId;
    }

    public String apiKey() {
        return apiKey;
    }

    public String path(String suffix) {
        return "/v1/tenants/" + tenantId + suffix;
    }

    /** A backend call with the all-scope key. */
    public Response backend(String method, String suffix, Object body) {
        return api.send(method, path(suffix), body, "Authorization", "Bearer " + apiKey);
    }

    public UUID createCustomer(String username) {
        Response created = backend("POST", "/customers",
                Map.of("externalId", "ext-" + username, "username", username, "displayName", username));
        require(created, 201);
        return UUID.fromString(created.json().path("id").asString());
    }

    /** The id of the customer's first device, as the backend lists them. */
    public UUID firstDevice(UUID customerId) {
        Response devices = backend("GET", "/customers/" + customerId + "/devices", null);
        require(devices, 200);
        return UUID.fromString(devices.json().get(0).path("id").asString());
    }

    public String grant(UUID customerId) {
        Response grant = backend("POST", "/customers/" + customerId + "/enrollment-grants", null);
        require(grant, 201);
        return grant.json().path("grant").asString();
    }

    /** Registration redeeming {@code grant}, from the web origin. */
    public Response register(SoftwareAuthenticator authenticator, String grant, UnaryOperator<RegistrationInput> tamper) {
        Response options = api.post(path("/registration/options"), Map.of(), "Authorization", "Bearer " + grant);
        if (options.status() != 200) {
            return options;
        }
        JsonNode o = options.json();
        RegistrationInput input = RegistrationInput.of(o.path("challenge").asString(), TenantFixture.ORIGIN,
                TenantFixture.RP_ID).withUserHandle(Base64.getUrlDecoder().decode(o.path("user").path("id").asString()));
        return api.post(path("/registration/verify"), authenticator.register(tamper.apply(input)));
    }

    /** A new customer with one enrolled passkey; answers the customer id. */
    public UUID enrolled(String username, SoftwareAuthenticator authenticator) {
        UUID customerId = createCustomer(username);
        require(register(authenticator, grant(customerId), UnaryOperator.identity()), 200);
        return customerId;
    }

    /** Username-first sign-in; {@code options} adds members (acr_values, channel); headers go on the options call. */
    public Response signIn(SoftwareAuthenticator authenticator, String username, Map<String, Object> options,
            String origin, UnaryOperator<AuthenticationInput> tamper, String... headers) {
        Map<String, Object> body = new LinkedHashMap<>(options);
        body.put("username", username);
        Response started = api.post(path("/authentication/options"), body, headers);
        if (started.status() != 200) {
            return started;
        }
        String challenge = started.json().path("challenge").asString();
        return api.post(path("/authentication/verify"),
                authenticator.authenticate(tamper.apply(AuthenticationInput.of(challenge, origin, TenantFixture.RP_ID))));
    }

    public Response signIn(SoftwareAuthenticator authenticator, String username) {
        return signIn(authenticator, username, Map.of(), TenantFixture.ORIGIN, UnaryOperator.identity());
    }

    /** Signs in and insists that it worked; answers the token response. */
    public JsonNode tokens(SoftwareAuthenticator authenticator, String username) {
        Response response = signIn(authenticator, username);
        require(response, 200);
        Asserted.algorithm(authenticator.keyType().name());
        return response.json();
    }

    public Response refresh(String refreshToken) {
        return api.form(path("/token"), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public Response introspect(String token) {
        return api.form(path("/introspect"), Map.of("token", token), "Authorization", "Bearer " + apiKey);
    }

    /** A customer endpoint with an access token. */
    public Response me(String method, String suffix, String accessToken, Object body) {
        return api.send(method, path("/me" + suffix), body, "Authorization", "Bearer " + accessToken);
    }

    /** A new version of the tenant's policy document, its {@code risk} member replaced by {@code risk}. */
    public void withRisk(Map<String, Object> risk) {
        amendPolicy(document -> document.set("risk", ApiClient.JSON.valueToTree(risk)));
    }

    public static void require(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.status() + " " + response.body());
        }
    }
}
