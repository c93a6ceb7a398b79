package io.biometriccore.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to run and where.
 *
 * @param url        the server's base URL, e.g. {@code http://localhost:8080}
 * @param adminKey   the admin API key; it creates the tenant API key the run uses
 * @param tenant     the tenant id
 * @param origin     the origin the authenticators report in clientDataJSON
 * @param rpId       the relying-party id the authenticators hash into authenticatorData
 * @param clients    concurrent clients, each with its own thread
 * @param iterations iterations per client; each enrols a new customer with a new authenticator
 * @param out        where the JSON report is written
 */
public record Config(URI url, String adminKey, String tenant, String origin, String rpId, int clients,
        int iterations, Path out) {

    /** The command line, for {@code --help} and for mistakes in it. */
    public static final String USAGE = """
            Usage: bench/run [options]
              --url URL           server base URL (default http://localhost:8080)
              --admin-key KEY     admin API key (default: environment variable BIOMETRIC_ADMIN_API_KEY)
              --tenant ID         tenant (default demo)
              --origin ORIGIN     WebAuthn origin (default: scheme, host and port of --url)
              --rp-id ID          relying-party id (default: host of --url)
              --clients N         concurrent clients (default 8)
              --iterations N      iterations per client (default 10)
              --out FILE          JSON report (default bench/target/report.json)
            """;

    private static final String ADMIN_KEY_VARIABLE = "BIOMETRIC_ADMIN_API_KEY";
    private static final Set<String> OPTIONS = Set.of("url", "admin-key", "tenant", "origin", "rp-id", "clients",
            "iterations", "out");

    public Config {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(adminKey, "adminKey");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(out, "out");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http or https URL with a host: " + url);
        }
        if (adminKey.isBlank()) {
            throw new IllegalArgumentException("an admin key is required: --admin-key or " + ADMIN_KEY_VARIABLE);
        }
        if (clients < 1 || iterations < 1) {
            throw new IllegalArgumentException("--clients and --iterations must be at least 1");
        }
    }

    /**
     * Reads {@code --name value} or {@code --name=value} options; the admin key falls back to
     * {@code BIOMETRIC_ADMIN_API_KEY} in {@code env}.
     *
     * @throws IllegalArgumentException on an unknown option, a missing value or a bad number
     */
    public static Config parse(List<String> args, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (equals >= 0) {
                options.put(name, arg.substring(equals + 1));
            } else if (i + 1 < args.size()) {
                options.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        URI url = URI.create(options.getOrDefault("url", "http://localhost:8080"));
        String adminKey = options.getOrDefault("admin-key", env.getOrDefault(ADMIN_KEY_VARIABLE, ""));
        return new Config(url, adminKey, options.getOrDefault("tenant", "demo"),
                options.getOrDefault("origin", originOf(url)),
                options.getOrDefault("rp-id", url.getHost() == null ? "" : url.getHost()),
                count(options, "clients", 8), count(options, "iterations", 10),
                Path.of(options.getOrDefault("out", "bench/target/report.json")));
    }

    /** The base URL without a trailing slash, to put paths after. */
    String baseUrl() {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Everything but the admin key. */
    @Override
    public String toString() {
        return "Config[url=" + url + ", tenant=" + tenant + ", origin=" + origin + ", rpId=" + rpId + ", clients="
                + clients + ", iterations=" + iterations + ", out=" + out + "]";
    }

    private static int count(Map<String, String> options, String name, int defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number: " + value);
        }
    }

    /** {@code scheme://host[:port]} of {@code url}: what a browser on that URL reports as its origin. */
    private static String originOf(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
