package io.biometriccore.backend;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a handler of the bank backend API behind a tenant API key with this scope, whichever module it
 * lives in. The handler's route must carry {@code {tenantId}}. A handler of the backend module itself
 * without it is refused outright.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresScope {
    Scope value();
}
