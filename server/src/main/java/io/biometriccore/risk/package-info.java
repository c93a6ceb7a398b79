/**
 * The adaptive risk engine (docs/risk.md, ADR 0043): the one decision point every ceremony passes once
 * its signatures checked out. {@link io.biometriccore.risk.RiskEngine} applies the credential-status rule,
 * then combines what every {@link io.biometriccore.risk.RiskSignal} finds (Spring beans and
 * {@link java.util.ServiceLoader} plugins) under the tenant's {@code risk} policy; the ceremonies never
 * change for a new signal.
 */
@NullMarked
package io.biometriccore.risk;

import org.jspecify.annotations.NullMarked;
