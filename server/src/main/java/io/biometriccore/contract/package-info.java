/**
 * The contract at runtime (ADR 30): {@code api/openapi.yaml} as built into the jar, byte for byte at
 * {@code /openapi.yaml}, converted to JSON at {@code /openapi.json}, and rendered for people at
 * {@code /docs/api} by Swagger UI's own assets, served from here with nothing fetched from another host.
 */
@NullMarked
package io.biometriccore.contract;

import org.jspecify.annotations.NullMarked;
