/**
 * Activity history, read from the audit log. A customer sees their own sign-ins, devices and
 * sessions in plain language ({@code /v1/tenants/{tenantId}/me/activity}, their access token); the
 * bank sees the same for one customer (backend API, scope {@code users}); investigators query and
 * export the raw events by customer, device, credential, IP, type and time range (admin API).
 */
@NullMarked
package io.biometriccore.activity;

import org.jspecify.annotations.NullMarked;
