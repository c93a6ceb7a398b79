package io.biometriccore.bench;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What the scenarios measured by concurrency level ({@link Scenario#SIGNIN}, {@link Scenario#APPROVE})
 * share: clients that repeat an iteration until a deadline, and around the measured part the server's
 * and PostgreSQL's CPU time from {@link ProcStats} and the server's RSS at its end. The server is the
 * process given as {@code --server-pid}, else the one listening on the port of {@code --url}.
 */
final class Levels {

    private final ProcStats proc;
    private final @Nullable Long serverPid;

    Levels(Config config, ProcStats proc) {
        this.proc = proc;
        Long pid = config.signIn().serverPid();
        OptionalLong listening = pid == null ? proc.listeningPid(port(config)) : OptionalLong.of(pid);
        this.serverPid = listening.isPresent() ? listening.getAsLong() : null;
    }

    /** The process whose CPU time and RSS are measured; null when none was found. */
    @Nullable Long serverPid() {
        return serverPid;
    }

    /**
     * A measured stretch: its wall time, what the server and all {@code postgres} processes used of the
     * CPU in it (empty when unknown), and the server's RSS at its end (null when unknown).
     */
    record Measured(long wallNanos, OptionalLong serverCpuMillis, OptionalLong postgresCpuMillis,
            @Nullable Long serverRssBytes) {

        /** The server's CPU milliseconds per operation; null when unknown or nothing completed. */
        @Nullable Double serverCpuMsPer(int operations) {
            return per(serverCpuMillis, operations);
        }

        /** PostgreSQL's CPU milliseconds per operation; null when unknown or nothing completed. */
        @Nullable Double postgresCpuMsPer(int operations) {
            return per(postgresCpuMillis, operations);
        }

        private static @Nullable Double per(OptionalLong cpuMillis, int operations) {
            if (cpuMillis.isEmpty() || operations == 0) {
                return null;
            }
            return Math.round(cpuMillis.getAsLong() * 1000.0 / operations) / 1000.0;
        }
    }

    /**
     * Runs {@code clients} clients, each repeating {@code iteration} until {@code time} has passed (none
     * starts an iteration after it), and answers the wall time until the last one was done.
     */
    static long drive(int clients, Duration time, Clients.Body iteration) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        return Clients.together(clients, client -> {
            while (System.nanoTime() < deadline) {
                iteration.run(client);
            }
        }).wallNanos();
    }

    /** {@link #drive} with the CPU time read before and after, and the RSS after. */
    Measured measure(int clients, Duration time, Clients.Body iteration) throws InterruptedException {
        Map<Long, Long> serverBefore = serverCpu();
        Map<Long, Long> postgresBefore = proc.postgresCpuMillis();
        long wallNanos = drive(clients, time, iteration);
        OptionalLong server = ProcStats.cpuMillisBetween(serverBefore, serverCpu());
        OptionalLong postgres = ProcStats.cpuMillisBetween(postgresBefore, proc.postgresCpuMillis());
        OptionalLong rss = serverPid == null ? OptionalLong.empty() : proc.rssBytes(serverPid);
        return new Measured(wallNanos, server, postgres, rss.isPresent() ? rss.getAsLong() : null);
    }

    /** The server's CPU time so far, by pid; empty when it is unknown. */
    private Map<Long, Long> serverCpu() {
        OptionalLong cpu = serverPid == null ? OptionalLong.empty() : proc.cpuMillis(serverPid);
        return cpu.isPresent() ? Map.of(serverPid, cpu.getAsLong()) : Map.of();
    }

    private static int port(Config config) {
        int port = config.url().getPort();
        return port >= 0 ? port : "https".equals(config.url().getScheme()) ? 443 : 80;
    }
}
