package io.biometriccore.backend.internal;

import io.biometriccore.backend.Scope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The scope a backend endpoint needs. A backend handler without it is refused outright. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface RequiresScope {
    Scope value();
}
