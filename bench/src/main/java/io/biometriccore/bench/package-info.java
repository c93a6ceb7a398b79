/**
 * A load generator for a running server: concurrent software authenticators enrol and sign in
 * through the bank backend and client APIs, and every step is timed. It measures; it asserts
 * nothing about time.
 */
@NullMarked
package io.biometriccore.bench;

import org.jspecify.annotations.NullMarked;
