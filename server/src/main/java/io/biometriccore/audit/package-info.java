/**
 * The tamper-evident audit log. Every successful {@link io.biometriccore.shared.SecurityEvent} becomes
 * one row of {@code audit_event}, in the transaction of its action; failed checks are counted and
 * written as one aggregated row per kind and window (docs/adr/0025); personal fields are encrypted under data
 * keys that retention and customer deletion destroy. Off the request path, the sealer appends
 * committed events to a per-tenant RFC 9162 Merkle log and signs tree heads with the tenant's audit
 * key; proofs, verification, exports and activity history read from here.
 */
@NullMarked
package io.biometriccore.audit;

import org.jspecify.annotations.NullMarked;
