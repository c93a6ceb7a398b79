/**
 * Cross-cutting web plumbing every module may use: RFC 9457 problem responses with stable codes,
 * request size limits, the clock, and the cross-node notifier.
 */
@NullMarked
package io.biometriccore.shared;

import org.jspecify.annotations.NullMarked;
