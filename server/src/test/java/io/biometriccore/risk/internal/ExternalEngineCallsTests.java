package io.biometriccore.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.ECKey;
import io.biometriccore.keys.KeyProvider;
import io.biometriccore.risk.internal.ExternalEngineCalls.Cause;
import io.biometriccore.risk.internal.ExternalEngineCalls.Judgement;
import io.biometriccore.risk.internal.ExternalEngines.Engine;
import io.biometriccore.tenancy.RiskOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a call to an external engine comes to when it cannot even be made. */
class ExternalEngineCallsTests {

    /** A key-encryption service that is down: the engine's secret cannot be unwrapped to sign the call. */
    private static final KeyProvider KMS_DOWN = new KeyProvider() {
        @Override
        public ECKey generate(String tenantId, String kid) {
            throw new IllegalStateException("the key service is unreachable");
        }

        @Override
        public JWSSigner signer(String tenantId, String kid) {
            throw new IllegalStateException("the key service is unreachable");
        }

        @Override
        public byte[] wrap(String tenantId, byte[] dataKey) {
            throw new IllegalStateException("the key service is unreachable");
        }

        @Override
        public byte[] unwrap(String tenantId, byte[] wrappedKey) {
            throw new IllegalStateException("the key service is unreachable");
        }
    };

    @Test
    void aSecretThatCannotBeUnwrappedIsAnUnavailableEngineNotAnExceptionThatSkipsTheSignal() throws Exception {
        ExternalEngineCalls calls = new ExternalEngineCalls(new ExternalEngineProperties(false, 50, 10, 20,
                Duration.ofSeconds(30), 3), KMS_DOWN, JsonMapper.builder().build(), Clock.systemUTC(),
                new SimpleMeterRegistry());
        Engine engine = new Engine("bank", URI.create("https://engine.invalid/judge"), Duration.ofMillis(200),
                RiskOutcome.DENY, new byte[] {1, 2, 3}, Instant.EPOCH, Instant.EPOCH);
        try {
            assertThat(calls.judge(engine, "{}")).isEqualTo(new Judgement.Unavailable(Cause.ERROR));
        } finally {
            calls.destroy();
        }
    }
}
