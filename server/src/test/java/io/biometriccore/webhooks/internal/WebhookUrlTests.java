package io.biometriccore.webhooks.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.biometriccore.shared.ApiException;
import io.biometriccore.webhooks.WebhookProblem;
import io.biometriccore.webhooks.WebhookUrl;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WebhookUrlTests {

    private static final boolean PRODUCTION = false;

    @Test
    void productionSettingsRefusePlainHttp() {
        WebhookProperties production = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("biometric.webhooks", WebhookProperties.class);

        assertThat(production.allowHttp()).isFalse();
        assertRefused("http://bank.example/hook", production.allowHttp());
        assertRefused("http://127.0.0.1:8080/hook", production.allowHttp());
    }

    @Test
    void plainHttpIsAcceptedOnlyWhereAllowed() {
        assertThat(WebhookUrl.parse("http://127.0.0.1:8080/hook", true).uri().getPort()).isEqualTo(8080);
    }

    @Test
    void anHttpsUrlWithAHostIsAccepted() {
        assertThat(WebhookUrl.parse("https://bank.example/hooks/bc?x=1", PRODUCTION).uri().getHost())
                .isEqualTo("bank.example");
    }

    @Test
    void urlsWithoutHostOrWithCredentialsOrAFragmentOrTooLongAreRefused() {
        assertRefused("https:///hook", PRODUCTION);
        assertRefused("https://user:secret@bank.example/hook", PRODUCTION);
        assertRefused("https://bank.example/hook#part", PRODUCTION);
        assertRefused("/relative", PRODUCTION);
        assertRefused("https://bank.example/" + "a".repeat(WebhookUrl.MAX_LENGTH), PRODUCTION);
        assertRefused("https://bank example/", PRODUCTION);
        assertRefused(" ", PRODUCTION);
        assertRefused(null, PRODUCTION);
    }

    @Test
    void theDefaultsDeadLetterAfterThreeDaysAndCapTheBackoff() {
        WebhookProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("biometric.webhooks", WebhookProperties.class);

        assertThat(defaults.maxAge()).isEqualTo(Duration.ofDays(3));
        assertThat(defaults.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(defaults.backoff(40)).isEqualTo(defaults.maxBackoff()).isEqualTo(Duration.ofMinutes(10));
    }

    private static void assertRefused(String url, boolean allowHttp) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> WebhookUrl.parse(url, allowHttp));
        assertThat(refused).as(url).isNotNull();
        assertCode(refused.problem(), WebhookProblem.WEBHOOK_URL_INVALID);
    }
}
