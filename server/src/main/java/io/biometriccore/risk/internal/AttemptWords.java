package io.biometriccore.risk.internal;

import io.biometriccore.risk.RiskAction;

/** The built-in signals' words for an attempt, so that each explanation completes "... was asked to confirm". */
final class AttemptWords {

    private AttemptWords() {
    }

    /** {@code a sign-in}, {@code a registration}, ...: the attempt as its customer would name it. */
    static String of(RiskAction action) {
        return switch (action) {
            case REGISTER -> "a new passkey";
            case SIGN_IN -> "a sign-in";
            case STEP_UP -> "a confirmation of identity";
            case CROSS_CHANNEL_APPROVAL -> "a sign-in approved on this phone";
            case APPROVE_TRANSACTION -> "a payment approval";
        };
    }
}
