package io.biometriccore.bench;

import java.util.Locale;

/** The timed steps of one iteration, in the order a client runs them. */
public enum Step {
    /** {@code POST /customers} with the tenant API key. */
    CUSTOMER,
    /** {@code POST /customers/{id}/enrollment-grants} with the tenant API key. */
    GRANT,
    /** Registration options with the grant, then verification of the authenticator's response. */
    REGISTRATION,
    /** Authentication options for the username, then verification of the assertion. */
    LOGIN,
    /** {@code POST /token} with the refresh-token grant. */
    REFRESH,
    /** {@code POST /introspect} of the refreshed access token with the tenant API key. */
    INTROSPECTION;

    /** The name in the report: the constant in lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
