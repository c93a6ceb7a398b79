package io.biometriccore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProcStats} on a made-up {@code /proc}. */
class ProcStatsTests {

    @TempDir
    Path proc;

    @Test
    void aProcessCpuTimeIsItsUserAndSystemTicksInMilliseconds() throws IOException {
        process(4242, "java", 150, 30);

        assertThat(stats().cpuMillis(4242)).hasValue(1800);
        assertThat(stats().cpuMillis(4343)).isEmpty();
    }

    @Test
    void aCommandWithSpacesAndParenthesesDoesNotShiftTheFields() throws IOException {
        process(7, "Web Content (x)", 5, 5);

        assertThat(stats().cpuMillis(7)).hasValue(100);
    }

    @Test
    void postgresCpuTimeIsReadForEveryPostgresProcessAndNothingElse() throws IOException {
        process(100, "postgres", 10, 1);
        process(101, "postgres", 20, 2);
        process(102, "java", 999, 999);

        assertThat(stats().postgresCpuMillis()).containsOnly(Map.entry(100L, 110L), Map.entry(101L, 220L));
    }

    @Test
    void cpuTimeBetweenTwoReadingsCountsNewProcessesWholeAndNeverGoesBackForEndedOnes() {
        Map<Long, Long> before = Map.of(100L, 1_000L, 101L, 5_000L);
        Map<Long, Long> after = Map.of(100L, 1_250L, 102L, 40L);

        assertThat(ProcStats.cpuMillisBetween(before, after)).hasValue(290);
        assertThat(ProcStats.cpuMillisBetween(before, Map.of())).isEmpty();
    }

    @Test
    void theResidentSetSizeIsVmRssInBytes() throws IOException {
        process(4242, "java", 1, 1);
        Files.writeString(proc.resolve("4242/status"), "Name:\tjava\nVmRSS:\t  524288 kB\nThreads:\t40\n");

        assertThat(stats().rssBytes(4242)).hasValue(524_288L * 1024);
    }

    @Test
    void theServerIsTheProcessWithTheSocketListeningOnThePort() throws IOException {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5555 1
                   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 6666 1
                """);
        process(10, "java", 1, 1);
        socket(10, "3", 6666);
        process(20, "java", 1, 1);
        socket(20, "7", 5555);

        assertThat(stats().listeningPid(8080)).hasValue(20);
        assertThat(stats().listeningPid(9090)).isEmpty();
    }

    private ProcStats stats() {
        return new ProcStats(proc);
    }

    private void process(long pid, String command, long utime, long stime) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + command + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + utime
                + " " + stime + " 0 0 20 0 1 0 100 1000000 200 18446744073709551615\n");
    }

    private void socket(long pid, String fd, long inode) throws IOException {
        Path fds = Files.createDirectories(proc.resolve(pid + "/fd"));
        Files.createSymbolicLink(fds.resolve(fd), Path.of("socket:[" + inode + "]"));
    }
}
