/**
 * The seeding command: {@code java -jar biometric-core-server.jar --biometric.seed.customers=N ...}
 * (wrapped by {@code bin/seed}) starts the server without its web layer, fills a PostgreSQL database
 * with N customers, each with one device and one real ES256 credential derived by the testkit's
 * {@code SeededCustomers}, and M audit events of their sign-ins, then exits. It exists so that the
 * load generator can sign in as any of millions of customers; see docs/adr/0017.
 */
@NullMarked
package io.biometriccore.seeding;

import org.jspecify.annotations.NullMarked;
