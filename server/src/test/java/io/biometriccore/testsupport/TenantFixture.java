package io.biometriccore.testsupport;

import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One tenant, seen from a customer's app: runs the client API's ceremonies with a software
 * authenticator, with a hook to tamper with what the authenticator produces.
 */
public final class TenantFixture {

    public static final String RP_ID = "bank.example";
    public static final String ORIGIN = "https://login.bank.example";

    private final ApiClient api;
    private final String tenantId;

    public TenantFixture(ApiClient api, String tenantId) {
        this.api = api;
        this.tenantId = tenantId;
    }

    /** An open-enrollment tenant accepting none and self attestation, UV required; {@code policy} overrides. */
    public static TenantFixture create(ApiClient api, String tenantId, Map<String, Object> policy) {
        return create(api, tenantId, policy, false);
    }

    /** Like {@link #create}, with the conformance profile: the tenant serves the {@code /fido2/...} routes. */
    public static TenantFixture conformance(ApiClient api, String tenantId) {
        return create(api, tenantId, Map.of(), true);
    }

    private static TenantFixture create(ApiClient api, String tenantId, Map<String, Object> policy,
            boolean conformanceProfile) {
        Map<String, Object> merged = new LinkedHashMap<>(Map.of("allowNoneAttestation", true,
                "allowSelfAttestation", true, "residentKey", "required"));
        merged.putAll(policy);
        api.putTenant(tenantId, Map.of("rpId", RP_ID, "rpName", "Example Bank", "allowedOrigins", List.of(ORIGIN),
                "openEnrollment", true, "conformanceProfile", conformanceProfile, "policy", merged));
        return new TenantFixture(api, tenantId);
    }

    public String path(String suffix) {
        return "/v1/tenants/" + tenantId + suffix;
    }

    public JsonNode registrationOptions(String username) {
        Response response = api.post(path("/registration/options"), Map.of("username", username, "displayName", username));
        if (response.status() != 200) {
            throw new IllegalStateException("registration options: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    public RegistrationInput registrationInput(JsonNode options) {
        byte[] userHandle = Base64.getUrlDecoder().decode(options.path("user").path("id").asString());
        return RegistrationInput.of(options.path("challenge").asString(), ORIGIN, RP_ID).withUserHandle(userHandle);
    }

    public Response register(SoftwareAuthenticator authenticator, String username) {
        return register(authenticator, username, UnaryOperator.identity());
    }

    public Response register(SoftwareAuthenticator authenticator, String username,
            UnaryOperator<RegistrationInput> tamper) {
        JsonNode options = registrationOptions(username);
        return api.post(path("/registration/verify"), authenticator.register(tamper.apply(registrationInput(options))));
    }

    /** Registers and insists that it worked. */
    public SoftwareAuthenticator enrolled(SoftwareAuthenticator authenticator, String username) {
        Response response = register(authenticator, username);
        if (response.status() != 200) {
            throw new IllegalStateException("registration failed: " + response.body());
        }
        return authenticator;
    }

    public JsonNode authenticationOptions(@Nullable String username) {
        Map<String, Object> body = username == null ? Map.of() : Map.of("username", username);
        Response response = api.post(path("/authentication/options"), body);
        if (response.status() != 200) {
            throw new IllegalStateException("authentication options: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    public Response authenticate(SoftwareAuthenticator authenticator, @Nullable String username) {
        return authenticate(authenticator, username, UnaryOperator.identity());
    }

    public Response authenticate(SoftwareAuthenticator authenticator, @Nullable String username,
            UnaryOperator<AuthenticationInput> tamper) {
        String challenge = authenticationOptions(username).path("challenge").asString();
        return verifyAssertion(authenticator.authenticate(tamper.apply(AuthenticationInput.of(challenge, ORIGIN, RP_ID))));
    }

    public Response verifyAssertion(String assertionJson) {
        return api.post(path("/authentication/verify"), assertionJson);
    }
}
