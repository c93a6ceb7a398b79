package io.biometriccore.risk.internal;

import static io.biometriccore.testsupport.SignedContexts.generate;
import static io.biometriccore.testsupport.SignedContexts.sign;
import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.biometriccore.risk.BankContext;
import io.biometriccore.risk.DevicePosture;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.ProblemCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The bank's context is verified strictly, and every refusal has its own code. */
class ContextVerifierTests {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TENANT = "bank";
    private static final String ISSUER = "https://id.example/v1/tenants/bank";

    private final ECKey bankKey = generate("bank-key-1");
    private final Set<String> spent = new HashSet<>();
    private final ContextVerifier verifier = new ContextVerifier(
            (tenant, kid) -> TENANT.equals(tenant) && bankKey.getKeyID().equals(kid)
                    ? Optional.of(bankKey.toPublicJWK()) : Optional.empty(),
            (tenant, jti, until) -> spent.add(tenant + "/" + jti),
            tenant -> "https://id.example/v1/tenants/" + tenant, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsASignedContextAndReadsItsClaims() {
        BankContext context = verifier.verify(TENANT, sign(bankKey, claims(c -> c.subject("alice")
                .claim("ip", "203.0.113.7")
                .claim("location", Map.of("latitude", 48.85, "longitude", 2.35, "country", "FR"))
                .claim("posture", Map.of("rooted", true, "emulator", false, "osVersion", "14")))));

        assertThat(context.keyId()).isEqualTo("bank-key-1");
        assertThat(context.subject()).isEqualTo("alice");
        assertThat(context.ip()).isEqualTo("203.0.113.7");
        assertThat(context.location().source()).isEqualTo(Place.Source.BANK);
        assertThat(context.location().country()).isEqualTo("FR");
        assertThat(context.posture()).isEqualTo(new DevicePosture(DevicePosture.Trust.SIGNED, true, false, "14"));
        assertThat(context.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void rejectsAContextSignedByAKeyTheTenantDidNotRegister() {
        refuses(sign(generate("bank-key-1"), claims(UnaryOperator.identity())), RiskProblem.CONTEXT_SIGNATURE_INVALID);
    }

    @Test
    void rejectsAContextWithAnUnknownKid() {
        refuses(sign(generate("other"), claims(UnaryOperator.identity())), RiskProblem.CONTEXT_SIGNATURE_INVALID);
    }

    @Test
    void rejectsAContextOfAnotherTenantsKey() {
        refuses("other-bank", sign(bankKey, claims(c -> c.audience("https://id.example/v1/tenants/other-bank"))),
                RiskProblem.CONTEXT_SIGNATURE_INVALID);
    }

    @Test
    void rejectsAnHmacContextKeyedWithThePublicKey() throws JOSEException {
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("bank-key-1").build(),
                claims(UnaryOperator.identity()));
        hs.sign(new MACSigner(bankKey.toPublicJWK().toJSONString().repeat(2).getBytes()));
        refuses(hs.serialize(), RiskProblem.CONTEXT_SIGNATURE_INVALID);
    }

    @Test
    void rejectsAnUnsignedContext() {
        refuses("eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.", RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsAContextThatIsNoJws() {
        refuses("not-a-jws", RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsAContextLongerThan4096Characters() {
        refuses("a".repeat(ContextVerifier.MAX_LENGTH + 1), RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsAContextForAnotherAudience() {
        refuses(sign(bankKey, claims(c -> c.audience("https://id.example/v1/tenants/other-bank"))),
                RiskProblem.CONTEXT_AUDIENCE_MISMATCH);
    }

    @Test
    void rejectsAContextWithoutAudience() {
        refuses(sign(bankKey, claims(c -> c.audience((String) null))), RiskProblem.CONTEXT_AUDIENCE_MISMATCH);
    }

    @Test
    void rejectsAnExpiredContext() {
        refuses(sign(bankKey, claims(c -> c.expirationTime(Date.from(NOW.minusSeconds(31))))),
                RiskProblem.CONTEXT_EXPIRED);
    }

    @Test
    void acceptsAContextJustExpiredWithinTheLeeway() {
        assertThat(verifier.verify(TENANT, sign(bankKey, claims(c -> c.expirationTime(Date.from(NOW.minusSeconds(20)))))))
                .isNotNull();
    }

    @Test
    void rejectsAContextWithoutExp() {
        refuses(sign(bankKey, claims(c -> c.expirationTime(null))), RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsAContextLivingLongerThanTenMinutes() {
        refuses(sign(bankKey, claims(c -> c.expirationTime(Date.from(NOW.plus(Duration.ofMinutes(11)))))),
                RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsAContextWithoutJti() {
        refuses(sign(bankKey, claims(c -> c.jwtID(null))), RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsAContextUsedTwice() {
        String context = sign(bankKey, claims(UnaryOperator.identity()));
        verifier.verify(TENANT, context);

        refuses(context, RiskProblem.CONTEXT_REPLAYED);
    }

    @Test
    void aRefusedContextDoesNotSpendItsJti() {
        refuses(sign(bankKey, claims(c -> c.jwtID("once").claim("ip", "bank.example"))), RiskProblem.CONTEXT_MALFORMED);

        assertThat(spent).isEmpty();
    }

    @Test
    void rejectsAClaimOfTheWrongType() {
        refuses(sign(bankKey, claims(c -> c.claim("posture", Map.of("rooted", "yes")))), RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsALocationOutOfRange() {
        refuses(sign(bankKey, claims(c -> c.claim("location", Map.of("latitude", 91, "longitude", 0)))),
                RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsAnIpThatIsAName() {
        refuses(sign(bankKey, claims(c -> c.claim("ip", "bank.example"))), RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsAContextWhoseHeaderIsDeeplyNested() {
        String header = "{\"alg\":\"ES256\",\"kid\":\"bank-key-1\",\"x\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
        refuses(base64Url(header) + "." + base64Url("{}") + ".AAAA", RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsASignedContextWhoseClaimsAreDeeplyNested() throws JOSEException {
        String payload = "{\"aud\":\"" + ISSUER + "\",\"jti\":\"deep\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond()
                + ",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        com.nimbusds.jose.JWSObject deep = new com.nimbusds.jose.JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("bank-key-1").build(), new com.nimbusds.jose.Payload(payload));
        deep.sign(new com.nimbusds.jose.crypto.ECDSASigner(bankKey));
        refuses(deep.serialize(), RiskProblem.CONTEXT_MALFORMED);
    }

    @Test
    void rejectsACountryWithControlCharacters() {
        refuses(sign(bankKey, claims(c -> c.claim("location", Map.of("country", "F\nR")))),
                RiskProblem.CONTEXT_MALFORMED);
    }

    private static String base64Url(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void refuses(String context, ProblemCode code) {
        refuses(TENANT, context, code);
    }

    private void refuses(String tenant, String context, ProblemCode code) {
        assertThatThrownBy(() -> verifier.verify(tenant, context)).isInstanceOfSatisfying(ApiException.class,
                e -> assertCode(e.problem(), code));
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> tweak) {
        return tweak.apply(new JWTClaimsSet.Builder().audience(ISSUER).jwtID("jti-" + System.nanoTime())
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))).build();
    }
}
