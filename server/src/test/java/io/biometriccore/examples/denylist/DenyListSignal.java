package io.biometriccore.examples.denylist;

import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.risk.RiskContribution;
import io.biometriccore.risk.RiskSignal;
import io.biometriccore.tenancy.RiskOutcome;
import io.biometriccore.tenancy.RiskPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.catalina.util.NetMask;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example risk-signal plugin (docs/risk.md "Writing a signal"): the bank's own deny list of
 * countries, networks and address ranges, kept in a file the deployment names with the system property
 * {@value #FILE_PROPERTY} or the environment variable {@value #FILE_VARIABLE}. An attempt from a listed
 * country (the attempt's place) is {@code deny_listed_country}; from a listed {@code AS<number>} (the
 * place's network) or from an address in a listed range (the client's address) {@code
 * deny_listed_network}; each 40 points and a step-up at the least, which the tenant's policy can make a
 * refusal ({@code risk.outcomes}) or take away.
 *
 * <p>Without the setting it finds nothing. The file is read once, when the engine loads its signals: a
 * new list takes effect at restart, and a file that cannot be read or has a line it does not understand
 * stops the server from starting, since a deny list that silently fails would let through what the bank
 * meant to stop. Found through {@link java.util.ServiceLoader}, never a Spring bean.
 */
@NullMarked
public final class DenyListSignal implements RiskSignal {

    public static final String FILE_PROPERTY = "biometric.risk.deny-list";
    public static final String FILE_VARIABLE = "BIOMETRIC_RISK_DENY_LIST";
    static final String NAME = "deny_list";
    static final int POINTS = 40;

    private static final Logger log = LoggerFactory.getLogger(DenyListSignal.class);

    private final DenyList list;

    /** The plugin as {@link java.util.ServiceLoader} makes it: the list the deployment names, or none. */
    public DenyListSignal() {
        this(configuredFile().map(DenyList::read).orElse(DenyList.EMPTY));
    }

    DenyListSignal(DenyList list) {
        this.list = list;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RiskContribution> evaluate(RiskAttempt attempt, RiskPolicy policy) {
        List<RiskContribution> found = new ArrayList<>(2);
        list.lineOfCountry(attempt.place().country()).ifPresent(line -> found.add(contribution(
                "deny_listed_country", "an attempt from a country on the bank's deny list",
                attempt.place().country() + ", deny list line " + line)));
        list.lineOfNetwork(attempt.place().network(), attempt.clientIp()).ifPresent(line -> found.add(contribution(
                "deny_listed_network", "an attempt from a network on the bank's deny list",
                "deny list line " + line)));
        return found;
    }

    private static RiskContribution contribution(String reason, String explanation, String detail) {
        return new RiskContribution(NAME, reason, POINTS, RiskOutcome.STEP_UP, explanation, detail);
    }

    private static Optional<Path> configuredFile() {
        String file = System.getProperty(FILE_PROPERTY, System.getenv(FILE_VARIABLE));
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }

    /**
     * The list as read: each entry with its line, for the analyst's detail (never the client's address,
     * which a one-address range would be).
     */
    record DenyList(Map<String, Integer> countries, Map<String, Integer> networks, List<Range> ranges) {

        static final DenyList EMPTY = new DenyList(Map.of(), Map.of(), List.of());
        private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
        private static final Pattern ASN = Pattern.compile("AS[1-9][0-9]{0,9}");

        record Range(NetMask mask, int line) {
        }

        DenyList {
            countries = Map.copyOf(countries);
            networks = Map.copyOf(networks);
            ranges = List.copyOf(ranges);
        }

        static DenyList read(Path file) {
            try {
                DenyList list = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
                log.info("Deny list {}: {} countries, {} networks, {} address ranges", file, list.countries.size(),
                        list.networks.size(), list.ranges.size());
                return list;
            } catch (IOException e) {
                throw new UncheckedIOException("the deny list " + file + " cannot be read", e);
            }
        }

        /** One entry a line: {@code KP}, {@code AS64496} or {@code 198.51.100.0/24}; {@code #} starts a comment. */
        static DenyList parse(List<String> lines) {
            Map<String, Integer> countries = new HashMap<>();
            Map<String, Integer> networks = new HashMap<>();
            List<Range> ranges = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String entry = lines.get(i).replaceFirst("#.*", "").strip();
                int line = i + 1;
                if (COUNTRY.matcher(entry).matches()) {
                    countries.putIfAbsent(entry, line);
                } else if (ASN.matcher(entry).matches()) {
                    networks.putIfAbsent(entry, line);
                } else if (!entry.isEmpty()) {
                    ranges.add(new Range(range(entry, line), line));
                }
            }
            return new DenyList(countries, networks, ranges);
        }

        /** Literal addresses only: {@link NetMask} would resolve a host name through DNS. */
        private static NetMask range(String entry, int line) {
            int slash = entry.indexOf('/');
            try {
                if (slash < 0) {
                    throw new IllegalArgumentException("no prefix length");
                }
                InetAddress.ofLiteral(entry.substring(0, slash));
                return new NetMask(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("deny list line " + line + " is not a country (KP), a network"
                        + " (AS64496) or an address range (198.51.100.0/24, 2001:db8::/32)");
            }
        }

        Optional<Integer> lineOfCountry(@Nullable String country) {
            return Optional.ofNullable(country).map(countries::get);
        }

        /** The line of the place's listed network, else of the first range the client's address is in. */
        Optional<Integer> lineOfNetwork(@Nullable String network, @Nullable String clientIp) {
            Optional<Integer> listed = Optional.ofNullable(network).map(networks::get);
            if (listed.isPresent() || clientIp == null || ranges.isEmpty()) {
                return listed;
            }
            InetAddress address = InetAddress.ofLiteral(clientIp);
            return ranges.stream().filter(r -> r.mask().matches(address)).map(Range::line).findFirst();
        }
    }
}
