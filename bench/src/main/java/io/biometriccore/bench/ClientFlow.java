package io.biometriccore.bench;

import io.biometriccore.bench.Exchange.StepFailure;
import io.biometriccore.bench.StepRecorder.StepBody;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testkit.SoftwareAuthenticator.RegistrationInput;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One client: its iterations one after another, each a new customer with a new authenticator
 * through all {@link Step}s. A failed step is recorded and ends its iteration.
 */
final class ClientFlow {

    private final Config config;
    private final HttpClient http;
    private final String apiKey;
    private final Map<Step, StepRecorder> recorders;
    private final String namePrefix;

    /**
     * @param namePrefix unique to this client in this run; usernames and external ids start with it
     */
    ClientFlow(Config config, HttpClient http, String apiKey, Map<Step, StepRecorder> recorders, String namePrefix) {
        this.config = config;
        this.http = http;
        this.apiKey = apiKey;
        this.recorders = recorders;
        this.namePrefix = namePrefix;
    }

    void run() throws InterruptedException {
        for (int i = 0; i < config.iterations(); i++) {
            iteration(namePrefix + "-" + i);
        }
    }

    private void iteration(String username) throws InterruptedException {
        Optional<String> customerId = timed(Step.CUSTOMER, x -> Exchange.text(x.postJson(
                config.tenantPath("/customers"), apiKey, Map.of("externalId", username, "username", username, "displayName", "Bench " + username),
                201), "id"));
        if (customerId.isEmpty()) {
            return;
        }
        Optional<String> grant = timed(Step.GRANT, x -> Exchange.text(x.postJson(
                config.tenantPath("/customers/" + customerId.get() + "/enrollment-grants"), apiKey, Map.of(), 201),
                "grant"));
        if (grant.isEmpty()) {
            return;
        }
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        if (timed(Step.REGISTRATION, x -> register(x, grant.get(), authenticator)).isEmpty()) {
            return;
        }
        Optional<String> refreshToken = timed(Step.LOGIN, x -> login(x, username, authenticator));
        if (refreshToken.isEmpty()) {
            return;
        }
        Optional<String> accessToken = timed(Step.REFRESH, x -> refresh(x, refreshToken.get()));
        if (accessToken.isEmpty()) {
            return;
        }
        timed(Step.INTROSPECTION, x -> introspect(x, accessToken.get()));
    }

    private JsonNode register(Exchange x, String grant, SoftwareAuthenticator authenticator)
            throws IOException, InterruptedException, StepFailure {
        JsonNode options = x.postJson(config.tenantPath("/registration/options"), grant, Map.of(), 200);
        byte[] userHandle = Base64.getUrlDecoder().decode(Exchange.text(options.path("user"), "id"));
        RegistrationInput input = RegistrationInput.of(Exchange.text(options, "challenge"), config.origin(),
                config.rpId()).withUserHandle(userHandle).withUserVerified(true);
        return x.postJson(config.tenantPath("/registration/verify"), null, authenticator.register(input), 200);
    }

    /** Signs in with the username; answers the session's refresh token. */
    private String login(Exchange x, String username, SoftwareAuthenticator authenticator)
            throws IOException, InterruptedException, StepFailure {
        return Exchange.text(SignInCalls.signIn(x, config, username, authenticator), "refresh_token");
    }

    /** Rotates the refresh token; answers the new access token. */
    private String refresh(Exchange x, String refreshToken) throws IOException, InterruptedException, StepFailure {
        JsonNode tokens = x.postForm(config.tenantPath("/token"), null,
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), 200);
        Exchange.text(tokens, "refresh_token"); // rotation answers a new refresh token
        return Exchange.text(tokens, "access_token");
    }

    private JsonNode introspect(Exchange x, String accessToken) throws IOException, InterruptedException, StepFailure {
        JsonNode answer = x.postForm(config.tenantPath("/introspect"), apiKey, Map.of("token", accessToken), 200);
        if (!answer.path("active").asBoolean(false)) {
            throw new StepFailure("introspection says the access token is not active: " + answer);
        }
        return answer;
    }

    private <T> Optional<T> timed(Step step, StepBody<T> body) throws InterruptedException {
        return recorders.get(step).attempt(new Exchange(http, config.baseUrl()), body);
    }
}
