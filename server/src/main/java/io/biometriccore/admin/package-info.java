/**
 * The admin API ({@code /v1/admin/...}), protected by the admin API key. It uses the other modules'
 * public APIs only.
 */
@NullMarked
package io.biometriccore.admin;

import org.jspecify.annotations.NullMarked;
