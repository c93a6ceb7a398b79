/**
 * The one policy and risk decision point every authentication passes through before it succeeds.
 * Risk engines plug in as {@link io.biometriccore.risk.RiskEngine} beans; the ceremonies never change
 * for a new engine.
 */
@NullMarked
package io.biometriccore.risk;

import org.jspecify.annotations.NullMarked;
