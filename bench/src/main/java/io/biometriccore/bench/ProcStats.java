package io.biometriccore.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time and memory of the processes on this machine, read from Linux's {@code /proc}: a process's
 * CPU time is {@code utime + stime} of {@code /proc/<pid>/stat} (in clock ticks of 1/100 s, Linux's
 * {@code USER_HZ}); its RSS is {@code VmRSS} of {@code /proc/<pid>/status}. The server is the process
 * holding the socket that listens on its port ({@code /proc/net/tcp} and {@code tcp6} name the socket's
 * inode, {@code /proc/<pid>/fd} links to it), which needs permission to read other processes' fds;
 * PostgreSQL is every process named {@code postgres} (on a shared machine, other clients' work
 * included). Where {@code /proc} cannot tell, the answers are empty.
 */
final class ProcStats {

    private static final long MILLIS_PER_TICK = 10;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final String LISTEN = "0A";

    private final Path proc;

    ProcStats(Path proc) {
        this.proc = proc;
    }

    static ProcStats linux() {
        return new ProcStats(Path.of("/proc"));
    }

    /** The CPU time the process has used so far, in milliseconds. */
    OptionalLong cpuMillis(long pid) {
        return stat(proc.resolve(Long.toString(pid))).map(s -> OptionalLong.of(s.cpuMillis()))
                .orElse(OptionalLong.empty());
    }

    /** The CPU time each {@code postgres} process has used so far, in milliseconds, by pid. */
    Map<Long, Long> postgresCpuMillis() {
        Map<Long, Long> byPid = new HashMap<>();
        for (Path process : processes()) {
            stat(process).filter(s -> s.command().equals("postgres"))
                    .ifPresent(s -> byPid.put(Long.parseLong(process.getFileName().toString()), s.cpuMillis()));
        }
        return byPid;
    }

    /**
     * The CPU time the processes used between two readings: a process in both counts its difference,
     * one started meanwhile all of its time. One that ended meanwhile is not in {@code after}, and its
     * last part is lost; PostgreSQL's pooled connections live on. Empty when {@code after} has none.
     */
    static OptionalLong cpuMillisBetween(Map<Long, Long> before, Map<Long, Long> after) {
        if (after.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(after.entrySet().stream()
                .mapToLong(e -> e.getValue() - Math.min(e.getValue(), before.getOrDefault(e.getKey(), 0L))).sum());
    }

    /** The process's resident set size in bytes. */
    OptionalLong rssBytes(long pid) {
        try (Stream<String> lines = Files.lines(proc.resolve(pid + "/status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:")).findFirst()
                    .map(line -> OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024))
                    .orElse(OptionalLong.empty());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The process with a socket listening on {@code port}. */
    OptionalLong listeningPid(int port) {
        List<String> inodes = listeningInodes(port);
        for (Path process : processes()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                for (Path fd : fds) {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (inodes.stream().anyMatch(inode -> target.equals("socket:[" + inode + "]"))) {
                        return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                    }
                }
            } catch (IOException | UnsupportedOperationException e) {
                // Gone meanwhile, or not ours to read: not the server, as far as we can tell.
            }
        }
        return OptionalLong.empty();
    }

    private List<String> listeningInodes(int port) {
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        List<String> inodes = new ArrayList<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try (Stream<String> lines = Files.lines(proc.resolve(table))) {
                lines.skip(1).map(line -> line.trim().split("\\s+"))
                        .filter(f -> f.length > 9 && f[1].endsWith(portHex) && f[3].equals(LISTEN))
                        .forEach(f -> inodes.add(f[9]));
            } catch (IOException e) {
                // No IPv6 (or no /proc): the other table may still have it.
            }
        }
        return inodes;
    }

    private List<Path> processes() {
        try (Stream<Path> entries = Files.list(proc)) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** {@code /proc/<pid>/stat}: the command, and the fields after it from {@code state} on. */
    private record Stat(String command, List<String> fields) {

        long cpuMillis() {
            return (Long.parseLong(fields.get(UTIME)) + Long.parseLong(fields.get(STIME))) * MILLIS_PER_TICK;
        }
    }

    private static Optional<Stat> stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            List<String> fields = List.of(line.substring(close + 2).trim().split(" "));
            return fields.size() > STIME ? Optional.of(new Stat(line.substring(open + 1, close), fields))
                    : Optional.empty();
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
