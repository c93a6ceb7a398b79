package io.biometriccore.crosschannel.internal;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The browser and operating system families a User-Agent names, for a customer to recognise their own
 * computer, or not. Families only: versions and devices are for fingerprinting, which this is not, and
 * the header is the client's word, so it informs the customer and never a decision.
 *
 * @param browser e.g. {@code Chrome}, {@code Safari}; {@code unknown} when no rule matches
 * @param os      e.g. {@code Windows}, {@code iOS}; {@code unknown} when no rule matches
 */
record BrowserFamily(String browser, String os) {

    static final String UNKNOWN = "unknown";

    /** A User-Agent token and the family it marks, most specific first: Edge and Opera also say Chrome. */
    private record Rule(String token, String family) {
    }

    private static final List<Rule> BROWSERS = List.of(new Rule("Edg", "Edge"), new Rule("OPR/", "Opera"),
            new Rule("SamsungBrowser/", "Samsung Internet"), new Rule("Firefox/", "Firefox"),
            new Rule("FxiOS/", "Firefox"), new Rule("CriOS/", "Chrome"), new Rule("Chrome/", "Chrome"),
            new Rule("Safari/", "Safari"));

    private static final List<Rule> SYSTEMS = List.of(new Rule("Windows", "Windows"), new Rule("Android", "Android"),
            new Rule("iPhone", "iOS"), new Rule("iPad", "iOS"), new Rule("CrOS", "ChromeOS"),
            new Rule("Mac OS X", "macOS"), new Rule("Linux", "Linux"));

    BrowserFamily {
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(os, "os");
    }

    static BrowserFamily of(@Nullable String userAgent) {
        return new BrowserFamily(family(BROWSERS, userAgent), family(SYSTEMS, userAgent));
    }

    private static String family(List<Rule> rules, @Nullable String userAgent) {
        if (userAgent == null) {
            return UNKNOWN;
        }
        return rules.stream().filter(rule -> userAgent.contains(rule.token())).map(Rule::family).findFirst()
                .orElse(UNKNOWN);
    }
}
