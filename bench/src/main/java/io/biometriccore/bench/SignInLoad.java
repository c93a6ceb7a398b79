package io.biometriccore.bench;

import io.biometriccore.bench.Report.StepReport;
import io.biometriccore.bench.SignInReport.Level;
import io.biometriccore.testkit.SeededCustomer;
import io.biometriccore.testkit.SeededCustomers;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link Scenario#SIGNIN} run: for each concurrency level, that many clients sign in as seeded
 * customers picked uniformly at random, one sign-in after the other, first for the warm-up and then
 * for the measured duration; a client starts no sign-in after its deadline. The customer's key is
 * derived between sign-ins, outside the timed HTTP calls. Around the measured part, the server's and
 * PostgreSQL's CPU time are read ({@link Levels}).
 */
final class SignInLoad {

    private final Config config;
    private final HttpClient http;
    private final SeededCustomers customers;
    private final Levels levels;

    SignInLoad(Config config, HttpClient http, ProcStats proc) {
        this.config = config;
        this.http = http;
        this.customers = new SeededCustomers(config.signIn().seed());
        this.levels = new Levels(config, proc);
    }

    SignInReport run() throws InterruptedException {
        Instant startedAt = Instant.now();
        List<Level> measured = new ArrayList<>();
        for (int clients : config.signIn().concurrency()) {
            if (!config.signIn().warmup().isZero()) {
                Levels.drive(clients, config.signIn().warmup(), signIns(new StepRecorder("warmup")));
            }
            measured.add(measure(clients));
        }
        return new SignInReport(SignInReport.Parameters.of(config), startedAt, levels.serverPid(), measured);
    }

    private Level measure(int clients) throws InterruptedException {
        var recorder = new StepRecorder("signin");
        Levels.Measured m = levels.measure(clients, config.signIn().duration(), signIns(recorder));
        StepReport signIns = recorder.report(m.wallNanos());
        int completed = signIns.count() - signIns.errors();
        return new Level(clients, StepRecorder.millis(m.wallNanos()), signIns.count(), signIns.errors(),
                signIns.throughput(), signIns.latencyMs(), m.serverCpuMsPer(completed), m.postgresCpuMsPer(completed),
                m.serverRssBytes(), signIns.errorSamples());
    }

    /** One sign-in as a random seeded customer, recorded. */
    private Clients.Body signIns(StepRecorder recorder) {
        return client -> {
            SeededCustomer customer = customers.customer(
                    ThreadLocalRandom.current().nextLong(config.signIn().customers()));
            recorder.attempt(new Exchange(http, config.baseUrl()),
                    x -> SignInCalls.signIn(x, config, customer.username(), customer.authenticator()));
        };
    }
}
