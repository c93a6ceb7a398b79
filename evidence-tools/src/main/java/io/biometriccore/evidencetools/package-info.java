/**
 * The offline verifier of transaction evidence (docs/transactions.md, ADR 0036): given an evidence
 * bundle and the tenant's published keys, it checks the platform's signature, the dynamic linking of
 * the customer's WebAuthn (or SPC) assertion to the exact transaction shown, and the inclusion of the
 * approval's audit event in a signed tree head, trusting nothing the server says that a signature or
 * hash does not cover. {@link io.biometriccore.evidencetools.EvidenceCommand} is the
 * {@code evidence verify} command behind bin/evidence-verify.
 */
@NullMarked
package io.biometriccore.evidencetools;

import org.jspecify.annotations.NullMarked;
