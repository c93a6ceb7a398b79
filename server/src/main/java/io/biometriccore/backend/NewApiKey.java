package io.biometriccore.backend;

/** A key just created: the only time its secret {@code key} is ever shown. */
public record NewApiKey(ApiKey apiKey, String key) {
}
