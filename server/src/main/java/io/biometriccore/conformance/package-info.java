/**
 * The FIDO2 server API in the shape the FIDO Alliance conformance tools use ("conformance profile"),
 * served only for tenants with the conformance profile, never production ones (ADR 0023). A thin
 * adapter over the ceremonies module.
 */
@NullMarked
package io.biometriccore.conformance;

import org.jspecify.annotations.NullMarked;
