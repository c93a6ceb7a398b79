package io.biometriccore.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What a tenant API key may do. A key carries one or more scopes. */
public enum Scope {
    /** Create, look up and delete customers. */
    @JsonProperty("users") USERS,
    /** Issue enrollment grants. */
    @JsonProperty("enrollment") ENROLLMENT,
    /** List, rename, suspend, resume and revoke devices. */
    @JsonProperty("devices") DEVICES,
    /** Introspect tokens; list and revoke sessions. */
    @JsonProperty("sessions") SESSIONS,
    /** Register, look up and cancel transactions; read their evidence and set its legal hold. */
    @JsonProperty("transactions") TRANSACTIONS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWire(String value) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope " + value + "; scopes are users, enrollment, devices, sessions, transactions");
    }
}
