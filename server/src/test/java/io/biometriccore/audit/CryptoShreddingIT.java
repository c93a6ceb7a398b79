package io.biometriccore.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audittools.VerificationReport;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Crypto-shredding: deleting a customer destroys their data keys. Their events stay, the Merkle log
 * still verifies against its signed heads, and their personal fields (names, and the IP and user
 * agent of their own requests) read as shredded; another customer's fields still decrypt.
 */
class CryptoShreddingIT extends PostgresIntegrationTest {

    private static final String TENANT = "shredding-bank";

    @Autowired
    private AuditLogs auditLogs;

    @Test
    void aDeletedCustomersEventsRemainInAnIntactLogWithTheirPersonalFieldsShredded() {
        BankFixture bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
        SoftwareAuthenticator alicesPhone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        SoftwareAuthenticator bobsPhone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        UUID alice = bank.enrolled("alice", alicesPhone);
        UUID bob = bank.enrolled("bob", bobsPhone);
        bank.tokens(alicesPhone, "alice");
        bank.tokens(bobsPhone, "bob");
        List<JsonNode> before = eventsOf(alice);
        assertThat(before).anySatisfy(e -> assertThat(e.path("personal").path("username").asString()).isEqualTo("alice"))
                .anySatisfy(e -> assertThat(e.path("ip").asString("")).isNotEmpty())
                .anySatisfy(e -> assertThat(e.path("userAgent").asString("")).isNotEmpty())
                .allSatisfy(e -> assertThat(e.path("shredded").asBoolean()).isFalse());

        assertThat(bank.backend("DELETE", "/customers/" + alice, null).status()).isEqualTo(204);

        List<JsonNode> after = eventsOf(alice);
        assertThat(ids(after)).containsAll(ids(before));
        assertThat(after).allSatisfy(e -> assertThat(e.path("personal").isEmpty()).isTrue());
        assertThat(after).filteredOn(CryptoShreddingIT::customersOwnRequest).isNotEmpty().allSatisfy(e -> {
            assertThat(e.has("ip")).isFalse();
            assertThat(e.has("userAgent")).isFalse();
        });
        assertThat(after).filteredOn(e -> hadPersonalFields(before, e.path("id").asLong()))
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(e -> assertThat(e.path("shredded").asBoolean()).isTrue());
        assertThat(eventsOf(bob)).anySatisfy(e -> assertThat(e.path("personal").path("username").asString()).isEqualTo("bob"))
                .anySatisfy(e -> assertThat(e.path("ip").asString("")).isNotEmpty())
                .allSatisfy(e -> assertThat(e.path("shredded").asBoolean()).isFalse());

        VerificationReport report = sealed();
        assertThat(report.intact()).as("%s", report.first()).isTrue();
        assertThat(report.events()).isGreaterThanOrEqualTo(before.size());
    }

    /** Waits for the sealer to seal every event written so far, then verifies the log. */
    private VerificationReport sealed() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        VerificationReport report = auditLogs.verify(TENANT);
        while (report.leaves() < report.events() && Instant.now().isBefore(deadline)) {
            pause();
            report = auditLogs.verify(TENANT);
        }
        assertThat(report.leaves()).as("sealed leaves").isEqualTo(report.events());
        return report;
    }

    /**
     * Whether the event had fields of the customer's: names, or the IP and user agent of a request of
     * theirs (those of the bank's requests are the bank's, and deleting a customer leaves them).
     */
    private static boolean hadPersonalFields(List<JsonNode> before, long id) {
        return before.stream().filter(e -> e.path("id").asLong() == id).anyMatch(e -> !e.path("personal").isEmpty()
                || customersOwnRequest(e) && (e.has("ip") || e.has("userAgent")));
    }

    private static boolean customersOwnRequest(JsonNode event) {
        return List.of("customer", "anonymous").contains(event.path("actorType").asString());
    }

    private List<JsonNode> eventsOf(UUID customerId) {
        Response page = api.admin("GET", "/v1/admin/tenants/" + TENANT + "/audit/events?limit=100&customerId="
                + customerId, null);
        BankFixture.require(page, 200);
        assertThat(page.json().has("nextCursor")).isFalse();
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }

    private static List<Long> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("id").asLong()).toList();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
