/**
 * Authenticator metadata from the FIDO Metadata Service v3.0 (MDS3): the deployment's BLOB, loaded
 * from a file or URL, verified against the configured FIDO root (its JWS signature and x5c chain),
 * kept as the last good one in the database, refreshed at its {@code nextUpdate} and on an admin call,
 * and out of force once {@code nextUpdate} plus a grace has passed. {@link AuthenticatorMetadata} is
 * what the ceremonies ask. See docs/mds.md and docs/adr/0038-fido-mds3-through-webauthn4j-metadata.md.
 */
@NullMarked
package io.biometriccore.metadata;

import org.jspecify.annotations.NullMarked;
