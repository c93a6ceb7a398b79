package io.biometriccore.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to run and where.
 *
 * @param url        the server's base URL, e.g. {@code http://localhost:8080}
 * @param adminKey   the admin API key; it creates the tenant API key an enroll, approve or flood run uses
 *                   (empty for signin)
 * @param tenant     the tenant id
 * @param origin     the origin the authenticators report in clientDataJSON
 * @param rpId       the relying-party id the authenticators hash into authenticatorData
 * @param scenario   what the clients do
 * @param clients    enroll: concurrent clients, each with its own thread
 * @param iterations enroll: iterations per client; each enrols a new customer with a new authenticator
 * @param requests   flood: anonymous options requests, and as many garbage verifies
 * @param signIn     the signin and approve scenarios' options
 * @param out        where the JSON report is written; a signin run writes its charts beside it ({@code .html})
 */
public record Config(URI url, String adminKey, String tenant, String origin, String rpId, Scenario scenario,
        int clients, int iterations, int requests, SignInOptions signIn, Path out) {

    /** The command line, for {@code --help} and for mistakes in it. */
    public static final String USAGE = """
            Usage: bench/run [options]
              --url URL           server base URL (default http://localhost:8080)
              --scenario NAME     enroll (default): new customers enrol, sign in, refresh, introspect;
                                  signin: customers seeded by bin/seed sign in (options, verify, tokens);
                                  approve: seeded customers approve payments the bank registers
                                  (register, approval options, approval);
                                  flood: anonymous options and garbage verifies, then what they stored
              --tenant ID         tenant (default demo for enroll, bench for signin and approve)
              --origin ORIGIN     WebAuthn origin (default: scheme, host and port of --url)
              --rp-id ID          relying-party id (default: host of --url)
              --out FILE          JSON report (default bench/target/report.json); signin adds FILE.html
            enroll, approve and flood:
              --admin-key KEY     admin API key (default: environment variable BIOMETRIC_ADMIN_API_KEY)
              --clients N         concurrent clients (default 8)
            enroll:
              --iterations N      iterations per client (default 10)
            flood:
              --requests N        anonymous /authentication/options, unknown usernames and usernameless in
                                  turn, and as many /authentication/verify of unknown challenges (default 1000)
            signin and approve:
              --customers N       how many customers bin/seed created (required)
              --seed S            the seed bin/seed used (default 42)
              --concurrency LIST  client counts, each a level of its own (default 1,2,4,8,16)
              --warmup SECONDS    unmeasured time before each level (default 5)
              --duration SECONDS  measured time of each level (default 20)
              --server-pid PID    the server process for CPU and RSS (default: the one listening on the
                                  port of --url, found through /proc/net/tcp and /proc/*/fd)
            """;

    private static final String ADMIN_KEY_VARIABLE = "BIOMETRIC_ADMIN_API_KEY";
    private static final Set<String> OPTIONS = Set.of("url", "admin-key", "tenant", "origin", "rp-id", "clients",
            "iterations", "requests", "out", "scenario", "customers", "seed", "concurrency", "warmup", "duration", "server-pid");

    public Config {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(adminKey, "adminKey");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(out, "out");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http or https URL with a host: " + url);
        }
        if (scenario != Scenario.SIGNIN && adminKey.isBlank()) {
            throw new IllegalArgumentException("an admin key is required: --admin-key or " + ADMIN_KEY_VARIABLE);
        }
        if (clients < 1 || iterations < 1 || requests < 1) {
            throw new IllegalArgumentException("--clients, --iterations and --requests must be at least 1");
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
        Scenario scenario = Scenario.of(options.getOrDefault("scenario", Scenario.ENROLL.wireName()));
        return new Config(url, adminKey,
                options.getOrDefault("tenant", seeded(scenario) ? "bench" : "demo"),
                options.getOrDefault("origin", originOf(url)),
                options.getOrDefault("rp-id", url.getHost() == null ? "" : url.getHost()), scenario,
                (int) number(options, "clients", 8), (int) number(options, "iterations", 10),
                (int) number(options, "requests", 1000), signInOptions(options, scenario),
                Path.of(options.getOrDefault("out", "bench/target/report.json")));
    }

    /** Whether the scenario runs as customers of bin/seed. */
    private static boolean seeded(Scenario scenario) {
        return scenario == Scenario.SIGNIN || scenario == Scenario.APPROVE;
    }

    /** An enroll or flood run needs none of them: it gets placeholders that pass validation. */
    private static SignInOptions signInOptions(Map<String, String> options, Scenario scenario) {
        if (seeded(scenario) && !options.containsKey("customers")) {
            throw new IllegalArgumentException("--scenario " + scenario.wireName()
                    + " needs --customers: how many bin/seed created");
        }
        String concurrency = options.getOrDefault("concurrency", "1,2,4,8,16");
        List<Integer> levels;
        try {
            levels = Arrays.stream(concurrency.split(",")).map(String::strip).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--concurrency must be a comma-separated list of numbers: " + concurrency);
        }
        String pid = options.get("server-pid");
        return new SignInOptions(number(options, "customers", 1), number(options, "seed", 42), levels,
                seconds(options, "warmup", 5), seconds(options, "duration", 20),
                pid == null ? null : number(options, "server-pid", 0));
    }

    /** The base URL without a trailing slash, to put paths after. */
    String baseUrl() {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The path of a tenant endpoint, {@code /v1/tenants/<tenant><suffix>}. */
    String tenantPath(String suffix) {
        return "/v1/tenants/" + tenant + suffix;
    }

    /** Everything but the admin key. */
    @Override
    public String toString() {
        return "Config[url=" + url + ", tenant=" + tenant + ", origin=" + origin + ", rpId=" + rpId + ", scenario="
                + scenario.wireName() + ", clients=" + clients + ", iterations=" + iterations + ", requests=" + requests + ", signIn=" + signIn
                + ", out=" + out + "]";
    }

    private static long number(Map<String, String> options, String name, long defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number: " + value);
        }
    }

    private static Duration seconds(Map<String, String> options, String name, double defaultValue) {
        String value = options.get(name);
        try {
            return Duration.ofMillis(Math.round((value == null ? defaultValue : Double.parseDouble(value)) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number of seconds: " + value);
        }
    }

    /** {@code scheme://host[:port]} of {@code url}: what a browser on that URL reports as its origin. */
    private static String originOf(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
