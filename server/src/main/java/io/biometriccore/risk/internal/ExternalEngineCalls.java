package io.biometriccore.risk.internal;

import io.biometriccore.keys.KeyProvider;
import io.biometriccore.risk.internal.ExternalEngines.Engine;
import io.biometriccore.shared.WebhookSignature;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls tenants' external risk engines: one signed POST of the attempt's facts, cut off at the
 * engine's timeout by a resilience4j {@link TimeLimiter} (the whole exchange, body included), behind a
 * resilience4j {@link CircuitBreaker} per tenant on this node, which stops calling an engine that keeps
 * failing and tries it again after its wait. Every failure, a malformed answer included, is a
 * {@link Judgement.Unavailable} with its cause, counted in {@code biometric.risk.external.failures}.
 */
@Component
class ExternalEngineCalls implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExternalEngineCalls.class);

    /** Why an engine gave no usable answer. */
    enum Cause {
        TIMEOUT, ERROR, MALFORMED, CIRCUIT_OPEN;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a call came to. */
    sealed interface Judgement {
        record Answered(ExternalEngineAnswer answer) implements Judgement {
        }

        record Unavailable(Cause cause) implements Judgement {
        }
    }

    /** The engine answered, but not with a 2xx. */
    private static final class Refused extends Exception {
        Refused(int status) {
            super("HTTP " + status, null, false, false);
        }
    }

    private final CircuitBreakerRegistry breakers;
    private final KeyProvider keyProvider;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final Map<Cause, Counter> failures = new EnumMap<>(Cause.class);

    ExternalEngineCalls(ExternalEngineProperties properties, KeyProvider keyProvider, JsonMapper json, Clock clock,
            MeterRegistry meters) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .minimumNumberOfCalls(properties.minimumCalls())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.slidingWindow())
                .waitDurationInOpenState(properties.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.halfOpenCalls())
                .clock(clock).build());
        this.keyProvider = keyProvider;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(ExternalEngines.MAX_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("risk-engine-", 0).factory()))
                .build();
        for (Cause cause : Cause.values()) {
            failures.put(cause, Counter.builder("biometric.risk.external.failures").tag("cause", cause.wireName())
                    .description("Calls to external risk engines that gave no usable answer").register(meters));
        }
    }

    /** Posts {@code facts} to the tenant's engine and reads its answer, or says why there is none. */
    Judgement judge(Engine engine, String facts) {
        CircuitBreaker breaker = breakers.circuitBreaker(engine.tenantId());
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(engine.timeout())
                .cancelRunningFuture(true).build());
        try {
            // Inside the try: a secret that cannot be unwrapped (the key service down) is an engine that
            // cannot be asked, whose fallback applies, not an exception that would skip the signal.
            HttpRequest request = request(engine, facts);
            return new Judgement.Answered(breaker.executeCallable(() -> answer(
                    limiter.executeFutureSupplier(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())))));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Cause cause = cause(e);
            failures.get(cause).increment();
            log.warn("The external risk engine of tenant {} gave no usable answer ({}); its fallback {} applies",
                    engine.tenantId(), cause.wireName(), engine.fallback().wireName());
            return new Judgement.Unavailable(cause);
        }
    }

    /** The state of the tenant's circuit on this node: {@code closed}, {@code open} or {@code half_open}. */
    String circuit(String tenantId) {
        return breakers.find(tenantId).map(b -> b.getState().name().toLowerCase(Locale.ROOT))
                .orElse("closed");
    }

    /** Starts the tenant's circuit afresh, for an engine configured anew or removed. */
    void forget(String tenantId) {
        breakers.remove(tenantId);
    }

    @Override
    public void destroy() {
        http.shutdownNow();
    }

    private HttpRequest request(Engine engine, String facts) {
        String secret = new String(keyProvider.unwrap(engine.tenantId(), engine.wrappedSecret()), StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(engine.url()).timeout(engine.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("User-Agent", "biometric-core")
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(), facts))
                .POST(HttpRequest.BodyPublishers.ofString(facts, StandardCharsets.UTF_8)).build();
    }

    private ExternalEngineAnswer answer(HttpResponse<String> response) throws Refused, ExternalEngineAnswer.Malformed {
        if (response.statusCode() / 100 != 2) {
            throw new Refused(response.statusCode());
        }
        return ExternalEngineAnswer.parse(response.body(), json);
    }

    private static Cause cause(Exception e) {
        return switch (e) {
            case CallNotPermittedException open -> Cause.CIRCUIT_OPEN;
            case TimeoutException timeout -> Cause.TIMEOUT;
            case HttpTimeoutException timeout -> Cause.TIMEOUT;
            case ExternalEngineAnswer.Malformed malformed -> Cause.MALFORMED;
            default -> Cause.ERROR;
        };
    }
}
