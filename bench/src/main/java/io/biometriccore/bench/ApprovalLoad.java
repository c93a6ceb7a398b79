package io.biometriccore.bench;

import io.biometriccore.bench.Exchange.StepFailure;
import io.biometriccore.bench.Report.StepReport;
import io.biometriccore.bench.StepRecorder.StepBody;
import io.biometriccore.testkit.SeededCustomer;
import io.biometriccore.testkit.SeededCustomers;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@link Scenario#APPROVE} run: for each concurrency level, each client is one seeded customer
 * (consecutive indexes from a random one, so that no two clients use one credential at once, as long as
 * there are at least as many customers as clients) and signs in once, before the level, for an access
 * token it keeps until shortly before it expires. Then, first for the warm-up and then for the measured
 * duration, each client approves payments one after the other: the bank registers a payment of
 * {@value #AMOUNT} {@value #CURRENCY} for the customer ({@code register}, the tenant API key of scope
 * {@code transactions}), the customer asks for the approval options ({@code options}) and approves with
 * the seeded passkey, user verified ({@code approve}). The assertion is signed between the calls, outside
 * the timed HTTP calls. Around the measured part, the server's and PostgreSQL's CPU time are read
 * ({@link Levels}); the sign-ins before a level are outside it.
 *
 * <p>Seeded credentials are device-bound (not backup eligible), so the tenant's
 * {@code signing.deviceBoundAbove}, whatever it is, lets them approve.
 */
final class ApprovalLoad {

    static final String AMOUNT = "12.50";
    static final String CURRENCY = "EUR";
    private static final Map<String, String> PAYEE = Map.of("name", "Bench Payee GmbH",
            "account", "DE89370400440532013000");
    /** A token is renewed this long before it expires. */
    private static final Duration RENEWAL_MARGIN = Duration.ofSeconds(15);

    private final Config config;
    private final HttpClient http;
    private final String apiKey;
    private final SeededCustomers customers;
    private final Levels levels;

    ApprovalLoad(Config config, HttpClient http, String apiKey, ProcStats proc) {
        this.config = config;
        this.http = http;
        this.apiKey = apiKey;
        this.customers = new SeededCustomers(config.signIn().seed());
        this.levels = new Levels(config, proc);
    }

    ApprovalReport run() throws InterruptedException {
        Instant startedAt = Instant.now();
        List<ApprovalReport.Level> measured = new ArrayList<>();
        for (int clients : config.signIn().concurrency()) {
            measured.add(level(clients));
        }
        return new ApprovalReport(SignInReport.Parameters.of(config), startedAt, levels.serverPid(), measured);
    }

    private ApprovalReport.Level level(int clients) throws InterruptedException {
        var signIns = new StepRecorder("signin");
        long first = ThreadLocalRandom.current().nextLong(config.signIn().customers());
        Customer[] seated = new Customer[clients];
        Clients.together(clients, client -> {
            seated[client] = new Customer(customers.customer((first + client) % config.signIn().customers()));
            seated[client].signIn(signIns);
        });
        if (!config.signIn().warmup().isZero()) {
            var warmup = new Recorders();
            Levels.drive(clients, config.signIn().warmup(), client -> approve(seated[client], warmup, signIns));
        }
        var recorders = new Recorders();
        Levels.Measured m = levels.measure(clients, config.signIn().duration(),
                client -> approve(seated[client], recorders, signIns));
        StepReport approvals = recorders.approval.report(m.wallNanos());
        int completed = approvals.count() - approvals.errors();
        List<StepReport> steps = Stream.of(recorders.register, recorders.options, recorders.approve)
                .map(r -> r.report(m.wallNanos())).toList();
        StepReport signInReport = signIns.report(m.wallNanos());
        List<String> errorSamples = Stream.concat(Stream.of(signInReport), steps.stream())
                .flatMap(s -> s.errorSamples().stream().map(e -> s.step() + ": " + e)).toList();
        double throughput = Math.round(completed * 1e12 / Math.max(m.wallNanos(), 1)) / 1000.0;
        return new ApprovalReport.Level(clients, StepRecorder.millis(m.wallNanos()), approvals.count(),
                approvals.errors(), throughput, approvals.latencyMs(), steps, signInReport.count(),
                m.serverCpuMsPer(completed), m.postgresCpuMsPer(completed), m.serverRssBytes(), errorSamples);
    }

    /** One level's recorders, shared by its clients: each step's, and the whole approval's. */
    private static final class Recorders {
        final StepRecorder register = new StepRecorder(ApprovalReport.STEPS.get(0));
        final StepRecorder options = new StepRecorder(ApprovalReport.STEPS.get(1));
        final StepRecorder approve = new StepRecorder(ApprovalReport.STEPS.get(2));
        final StepRecorder approval = new StepRecorder("approval");
    }

    /** A client's customer and its access token; used by that client's thread only. */
    private final class Customer {

        final SeededCustomer seeded;
        final SoftwareAuthenticator authenticator;
        @Nullable String accessToken;
        long renewAtNanos;

        Customer(SeededCustomer seeded) {
            this.seeded = seeded;
            this.authenticator = seeded.authenticator();
        }

        /** Signs in for a new access token; answers whether it got one. */
        boolean signIn(StepRecorder signIns) throws InterruptedException {
            long now = System.nanoTime();
            Optional<JsonNode> tokens = signIns.attempt(exchange(),
                    x -> SignInCalls.signIn(x, config, seeded.username(), authenticator));
            accessToken = tokens.map(t -> t.path("access_token").asString()).orElse(null);
            long lifetimeNanos = Duration.ofSeconds(tokens.map(t -> t.path("expires_in").asLong(0)).orElse(0L))
                    .toNanos();
            renewAtNanos = now + Math.max(lifetimeNanos - RENEWAL_MARGIN.toNanos(), lifetimeNanos / 2);
            return accessToken != null;
        }

        /** The access token, renewed first when it is about to expire or the last sign-in failed. */
        @Nullable String token(StepRecorder signIns) throws InterruptedException {
            if (accessToken == null || System.nanoTime() >= renewAtNanos) {
                signIn(signIns);
            }
            return accessToken;
        }
    }

    /** One approval of a new payment by the client's customer, each step recorded, and the whole. */
    private void approve(Customer customer, Recorders recorders, StepRecorder signIns) throws InterruptedException {
        String token = customer.token(signIns);
        if (token == null) {
            recorders.approval.failure(0, "no access token: the sign-in failed");
            return;
        }
        long nanos = 0;
        var register = exchange();
        Optional<String> id = recorders.register.attempt(register, x -> Exchange.text(x.postJson(
                config.tenantPath("/transactions"), apiKey, payment(customer.seeded), 201), "id"));
        nanos += register.nanos();
        Optional<String> challenge = Optional.empty();
        Exchange options = exchange();
        if (id.isPresent()) {
            challenge = recorders.options.attempt(options, x -> Exchange.text(x.post(
                    config.tenantPath("/transactions/" + id.get() + "/approval/options"), token, 200)
                    .path("publicKey"), "challenge"));
            nanos += options.nanos();
        }
        Optional<JsonNode> approved = Optional.empty();
        if (challenge.isPresent()) {
            String path = config.tenantPath("/transactions/" + id.get() + "/approval");
            AuthenticationInput input = AuthenticationInput.of(challenge.get(), config.origin(), config.rpId())
                    .withUserVerified(true);
            var approve = exchange();
            approved = recorders.approve.attempt(approve, approval(path, token, customer.authenticator, input));
            nanos += approve.nanos();
        }
        if (approved.isPresent()) {
            recorders.approval.success(nanos);
        } else {
            recorders.approval.failure(nanos, "a step failed");
        }
    }

    private StepBody<JsonNode> approval(String path, String token, SoftwareAuthenticator authenticator,
            AuthenticationInput input) {
        return x -> {
            JsonNode answer = x.postJson(path, token, authenticator.authenticate(input), 200);
            if (!"approved".equals(answer.path("status").asString(""))) {
                throw new StepFailure("the approval answered status " + answer.path("status") + ", not approved");
            }
            return answer;
        };
    }

    private Map<String, Object> payment(SeededCustomer customer) {
        return Map.of("customerId", customer.customerId().toString(), "type", "payment",
                "amount", Map.of("value", AMOUNT, "currency", CURRENCY), "payee", PAYEE, "text", "Bench payment");
    }

    private Exchange exchange() {
        return new Exchange(http, config.baseUrl());
    }
}
