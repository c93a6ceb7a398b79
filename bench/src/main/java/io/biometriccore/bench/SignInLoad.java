package io.biometriccore.bench;

import io.biometriccore.bench.Report.StepReport;
import io.biometriccore.bench.SignInReport.Level;
import io.biometriccore.testkit.SeededCustomer;
import io.biometriccore.testkit.SeededCustomers;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Scenario#SIGNIN} run: for each concurrency level, that many clients sign in as seeded
 * customers picked uniformly at random, one sign-in after the other, first for the warm-up and then
 * for the measured duration; a client starts no sign-in after its deadline. The customer's key is
 * derived between sign-ins, outside the timed HTTP calls. Around the measured part, the server's and
 * PostgreSQL's CPU time are read from {@link ProcStats}.
 */
final class SignInLoad {

    private final Config config;
    private final HttpClient http;
    private final SeededCustomers customers;
    private final ProcStats proc;
    private final @Nullable Long serverPid;

    SignInLoad(Config config, HttpClient http, ProcStats proc) {
        this.config = config;
        this.http = http;
        this.customers = new SeededCustomers(config.signIn().seed());
        this.proc = proc;
        Long pid = config.signIn().serverPid();
        OptionalLong listening = pid == null ? proc.listeningPid(port(config)) : OptionalLong.of(pid);
        this.serverPid = listening.isPresent() ? listening.getAsLong() : null;
    }

    SignInReport run() throws InterruptedException {
        Instant startedAt = Instant.now();
        List<Level> levels = new ArrayList<>();
        for (int clients : config.signIn().concurrency()) {
            if (!config.signIn().warmup().isZero()) {
                drive(clients, config.signIn().warmup(), new StepRecorder("warmup"));
            }
            levels.add(measure(clients));
        }
        return new SignInReport(SignInReport.Parameters.of(config), startedAt, serverPid, levels);
    }

    private Level measure(int clients) throws InterruptedException {
        Map<Long, Long> serverBefore = serverCpu();
        Map<Long, Long> postgresBefore = proc.postgresCpuMillis();
        var recorder = new StepRecorder("signin");
        long wallNanos = drive(clients, config.signIn().duration(), recorder);
        OptionalLong server = ProcStats.cpuMillisBetween(serverBefore, serverCpu());
        OptionalLong postgres = ProcStats.cpuMillisBetween(postgresBefore, proc.postgresCpuMillis());
        StepReport signIns = recorder.report(wallNanos);
        int completed = signIns.count() - signIns.errors();
        OptionalLong rss = serverPid == null ? OptionalLong.empty() : proc.rssBytes(serverPid);
        return new Level(clients, StepRecorder.millis(wallNanos), signIns.count(), signIns.errors(),
                signIns.throughput(), signIns.latencyMs(),
                perSignIn(server, completed), perSignIn(postgres, completed),
                rss.isPresent() ? rss.getAsLong() : null, signIns.errorSamples());
    }

    /** Runs {@code clients} for {@code time}; answers the wall time until the last one was done. */
    private long drive(int clients, Duration time, StepRecorder recorder) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        return Clients.together(clients, client -> {
            while (System.nanoTime() < deadline) {
                SeededCustomer customer = customers.customer(
                        ThreadLocalRandom.current().nextLong(config.signIn().customers()));
                recorder.attempt(new Exchange(http, config.baseUrl()),
                        x -> SignInCalls.signIn(x, config, customer.username(), customer.authenticator()));
            }
        }).wallNanos();
    }

    /** The server's CPU time so far, by pid; empty when it is unknown. */
    private Map<Long, Long> serverCpu() {
        OptionalLong cpu = serverPid == null ? OptionalLong.empty() : proc.cpuMillis(serverPid);
        return cpu.isPresent() ? Map.of(serverPid, cpu.getAsLong()) : Map.of();
    }

    /** CPU milliseconds per sign-in; null when the CPU time is unknown or nothing completed. */
    private static @Nullable Double perSignIn(OptionalLong cpuMillis, int signIns) {
        if (cpuMillis.isEmpty() || signIns == 0) {
            return null;
        }
        return Math.round(cpuMillis.getAsLong() * 1000.0 / signIns) / 1000.0;
    }

    private static int port(Config config) {
        int port = config.url().getPort();
        return port >= 0 ? port : "https".equals(config.url().getScheme()) ? 443 : 80;
    }
}
