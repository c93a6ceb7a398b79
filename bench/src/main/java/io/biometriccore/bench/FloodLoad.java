package io.biometriccore.bench;

import io.biometriccore.bench.Exchange.Answer;
import io.biometriccore.bench.Exchange.StepFailure;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link Scenario#FLOOD} run: what anonymous requests leave behind. {@link Config#clients()}
 * clients send {@link Config#requests()} anonymous {@code /authentication/options} between them
 * (unknown usernames and usernameless in turn), then as many {@code /authentication/verify} of a
 * well-formed assertion for a challenge the server never issued. Each answer is counted by status and
 * problem code: an options {@code 200} is one challenge stored, and nothing else stores one. The
 * tenant's audit rows are counted before and after through the admin API's signed tree heads (the
 * sealer counts every committed event), once the sealer has caught up.
 */
final class FloodLoad {

    private static final Duration SEALER_SETTLES = Duration.ofSeconds(3);
    private static final Duration SEALER_GIVES_UP = Duration.ofMinutes(2);

    private final Config config;
    private final Exchange admin;
    private final HttpClient http;

    FloodLoad(Config config, HttpClient http) {
        this.config = config;
        this.http = http;
        this.admin = new Exchange(http, config.baseUrl());
    }

    FloodReport run() throws InterruptedException {
        long auditBefore = settledAuditRows();
        String run = Long.toHexString(System.nanoTime());
        long started = System.nanoTime();
        Map<String, Long> options = send(i -> new Call("/authentication/options", i % 2 == 0
                ? "{\"username\":\"flood-" + run + "-" + i + "\"}" : "{}"));
        long optionsNanos = System.nanoTime() - started;
        String garbage = garbageAssertion();
        started = System.nanoTime();
        Map<String, Long> verifies = send(i -> new Call("/authentication/verify", garbage));
        long verifyNanos = System.nanoTime() - started;
        long auditAfter = settledAuditRows();
        return new FloodReport(FloodReport.Parameters.of(config), options, verifies, auditBefore, auditAfter,
                optionsNanos / 1e6, verifyNanos / 1e6);
    }

    private record Call(String suffix, String json) {
    }

    @FunctionalInterface
    private interface Calls {
        Call number(int i);
    }

    /** Sends the calls from all clients, each taking every clients-th number; answers count by outcome. */
    private Map<String, Long> send(Calls calls) throws InterruptedException {
        ConcurrentMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Clients.together(config.clients(), client -> {
            var exchange = new Exchange(http, config.baseUrl());
            for (int i = client; i < config.requests(); i += config.clients()) {
                Call call = calls.number(i);
                outcomes.computeIfAbsent(outcome(exchange, call), k -> new LongAdder()).increment();
            }
        });
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        return counts;
    }

    private String outcome(Exchange exchange, Call call) throws InterruptedException {
        try {
            Answer answer = exchange.postAnyStatus(config.tenantPath(call.suffix()), call.json());
            return answer.code().isEmpty() ? String.valueOf(answer.status()) : answer.status() + " " + answer.code();
        } catch (IOException e) {
            return "no answer: " + e.getClass().getSimpleName();
        }
    }

    /** A real assertion, signed by a key the server does not know, for a challenge it never issued. */
    private String garbageAssertion() {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        return SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE).authenticate(AuthenticationInput.of(
                Base64.getUrlEncoder().withoutPadding().encodeToString(challenge), config.origin(), config.rpId()));
    }

    /** The tenant's audit rows once the sealer has sealed nothing new for a few seconds. */
    private long settledAuditRows() throws InterruptedException {
        long deadline = System.nanoTime() + SEALER_GIVES_UP.toNanos();
        long size = auditRows();
        while (System.nanoTime() < deadline) {
            Thread.sleep(SEALER_SETTLES);
            long now = auditRows();
            if (now == size) {
                return size;
            }
            size = now;
        }
        throw new IllegalStateException("the audit log of " + config.tenant() + " kept growing for "
                + SEALER_GIVES_UP.toSeconds() + " s");
    }

    /** The size of the tenant's sealed log: the last signed tree head's, paging through the heads. */
    private long auditRows() throws InterruptedException {
        long size = 0;
        try {
            while (true) {
                var page = admin.getJson("/v1/admin/tenants/" + config.tenant() + "/audit/tree-heads?after=" + size
                        + "&limit=1000", config.adminKey());
                if (page.isEmpty()) {
                    return size;
                }
                size = page.get(page.size() - 1).path("treeSize").asLong();
                if (page.size() < 1000) {
                    return size;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach " + config.url() + ": " + e, e);
        } catch (StepFailure e) {
            throw new IllegalStateException("Cannot read the audit tree heads: " + e.getMessage(), e);
        }
    }
}
