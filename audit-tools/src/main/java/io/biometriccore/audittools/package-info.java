/**
 * What both the server and an outside verifier need to agree on about the audit log: the canonical
 * encoding of an event as a Merkle leaf, the RFC 9162 tree (hashes, roots, inclusion and consistency
 * proofs), signed tree heads, and the verifier behind the {@code audit verify} command.
 */
@NullMarked
package io.biometriccore.audittools;

import org.jspecify.annotations.NullMarked;
