package io.biometriccore.bench;

import io.biometriccore.bench.Exchange.StepFailure;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import java.io.IOException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The HTTP calls of a username-first sign-in, which both scenarios make. */
final class SignInCalls {

    private SignInCalls() {
    }

    /**
     * Authentication options for {@code username}, then the authenticator's assertion to verify;
     * answers the token response, which must carry an access and a refresh token.
     */
    static JsonNode signIn(Exchange x, Config config, String username, SoftwareAuthenticator authenticator)
            throws IOException, InterruptedException, StepFailure {
        JsonNode options = x.postJson(config.tenantPath("/authentication/options"), null,
                Map.of("username", username), 200);
        AuthenticationInput input = AuthenticationInput.of(Exchange.text(options, "challenge"), config.origin(),
                config.rpId()).withUserVerified(true);
        JsonNode signedIn = x.postJson(config.tenantPath("/authentication/verify"), null,
                authenticator.authenticate(input), 200);
        Exchange.text(signedIn, "access_token"); // a sign-in without an access token failed
        Exchange.text(signedIn, "refresh_token");
        return signedIn;
    }
}
