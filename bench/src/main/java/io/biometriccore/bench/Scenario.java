package io.biometriccore.bench;

import java.util.Locale;

/** What the clients do. */
public enum Scenario {
    /** Each iteration enrols a new customer and signs in with the new passkey ({@link Step}). */
    ENROLL,
    /** Seeded customers ({@code bin/seed}) sign in, at each concurrency level for a fixed time. */
    SIGNIN,
    /**
     * Seeded customers, signed in once per client and level, approve payments the bank registers, at
     * each concurrency level for a fixed time ({@link ApprovalLoad}).
     */
    APPROVE,
    /** Anonymous options and garbage verifies; then the challenges they stored and the audit rows they wrote. */
    FLOOD;

    /** The name on the command line and in the report. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scenario of(String name) {
        for (Scenario scenario : values()) {
            if (scenario.wireName().equals(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("--scenario must be enroll, signin, approve or flood: " + name);
    }
}
