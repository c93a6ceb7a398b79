/**
 * Customer self-service ({@code /v1/tenants/{tenantId}/me/...}), with the customer's own access
 * token: their devices and sessions, renaming and revoking a device, adding a device, signing out
 * everywhere. Revoking a device and adding one need a recent, strong enough authentication.
 */
@NullMarked
package io.biometriccore.account;

import org.jspecify.annotations.NullMarked;
