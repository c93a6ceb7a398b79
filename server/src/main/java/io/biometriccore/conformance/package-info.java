/**
 * The FIDO2 server API in the shape the FIDO Alliance conformance tools use ("conformance profile"),
 * for tenants with open enrollment. A thin adapter over the ceremonies module.
 */
@NullMarked
package io.biometriccore.conformance;

import org.jspecify.annotations.NullMarked;
