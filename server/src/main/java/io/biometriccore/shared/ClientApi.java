package io.biometriccore.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler (or every handler of a controller) as a route of the client API: called by the
 * customer's browser or app, never by the bank's servers. Such routes answer CORS for the web origins
 * among the tenant's {@code allowedOrigins}; no other route does (ADR 0029). The contract's operations
 * tagged {@code client}, {@code tokens}, {@code self-service} and {@code cross-channel} are exactly the
 * marked ones, which a test keeps so.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ClientApi {
}
