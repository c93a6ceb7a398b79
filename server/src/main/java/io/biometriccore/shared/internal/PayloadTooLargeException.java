package io.biometriccore.shared.internal;

import java.io.IOException;

/** Thrown from the bounded request stream once a body passes the configured limit. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("The request body exceeds " + limit + " bytes");
    }
}
