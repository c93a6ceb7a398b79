package io.biometriccore.siem.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.siem.internal.SiemProperties.Sink;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiemPropertiesTests {

    private static final String SECRET = "s".repeat(SiemProperties.MIN_SECRET_LENGTH);

    private static Sink sink(String name, String url, String secret) {
        return new Sink(name, URI.create(url), secret, EventFormat.JSONL, List.of(), 100);
    }

    private static SiemProperties properties(Duration requestTimeout, Duration lease, List<Sink> sinks) {
        return new SiemProperties(Duration.ofSeconds(1), requestTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5),
                lease, sinks);
    }

    @Test
    void acceptsHttpsAndPlainHttpToTheLoopback() {
        assertThat(sink("splunk", "https://siem.bank.example/hook", SECRET).url().getHost())
                .isEqualTo("siem.bank.example");
        assertThat(sink("local", "http://localhost:9000/hook", SECRET).name()).isEqualTo("local");
        assertThat(sink("local", "http://127.0.0.1:9000/hook", SECRET).name()).isEqualTo("local");
    }

    @Test
    void rejectsPlainHttpToAnotherHost() {
        assertThatThrownBy(() -> sink("splunk", "http://siem.bank.example/hook", SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void rejectsCredentialsInTheUrl() {
        assertThatThrownBy(() -> sink("splunk", "https://user:pw@siem.bank.example/hook", SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials");
    }

    @Test
    void rejectsAShortSecret() {
        assertThatThrownBy(() -> sink("splunk", "https://siem.bank.example", "too-short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
    }

    @Test
    void rejectsANameThatCannotGoIntoTheDeliveryHeader() {
        assertThatThrownBy(() -> sink("Splunk:1", "https://siem.bank.example", SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void rejectsABatchSizeOutOfRange() {
        assertThatThrownBy(() -> new Sink("splunk", URI.create("https://siem.bank.example"), SECRET, EventFormat.CEF,
                List.of(), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size");
    }

    @Test
    void rejectsTwoSinksOfTheSameName() {
        Sink one = sink("splunk", "https://a.example", SECRET);
        Sink two = sink("splunk", "https://b.example", SECRET);

        assertThatThrownBy(() -> properties(Duration.ofSeconds(10), Duration.ofMinutes(1), List.of(one, two)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two SIEM sinks");
    }

    @Test
    void rejectsALeaseNoLongerThanTheRequestTimeout() {
        assertThatThrownBy(() -> properties(Duration.ofSeconds(10), Duration.ofSeconds(10), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
    }

    @Test
    void theSecretNeverShowsInTheSinksText() {
        assertThat(sink("splunk", "https://siem.bank.example", SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        SiemProperties properties = properties(Duration.ofSeconds(10), Duration.ofMinutes(1), List.of());

        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(properties.backoff(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(properties.backoff(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.backoff(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aSinkWithoutTenantsExportsEveryTenant() {
        Sink all = sink("splunk", "https://siem.bank.example", SECRET);
        Sink one = new Sink("qradar", URI.create("https://q.example"), SECRET, EventFormat.CEF, List.of("acme"), 10);

        assertThat(all.exports("acme")).isTrue();
        assertThat(one.exports("acme")).isTrue();
        assertThat(one.exports("other")).isFalse();
    }
}
