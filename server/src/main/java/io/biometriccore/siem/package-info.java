/**
 * Export of the sealed audit log to SIEM sinks: each configured sink receives every tenant's sealed
 * events in leaf order, as JSON lines or CEF, over an HMAC-signed HTTPS webhook, at least once and
 * without gaps. A cursor per sink and tenant in the database records what the receiver acknowledged,
 * so the export resumes where it stopped after a stop, a crash or a restart. See docs/siem.md.
 */
@NullMarked
package io.biometriccore.siem;

import org.jspecify.annotations.NullMarked;
