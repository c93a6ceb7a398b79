package io.biometriccore.activity;

import static io.biometriccore.testsupport.ProblemAssert.assertCode;
import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.audit.AuditEvents;
import io.biometriccore.shared.RequestContext;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/**
 * Activity history: each customer sees only their own events, in plain language, newest first and
 * paginated by cursor; the bank sees a customer's with a {@code users} key; investigators filter and
 * export a tenant's events through the admin API.
 */
// The forensics cases write many failures of one customer and search them one by one (ADR 0025).
@TestPropertySource(properties = "biometric.audit.failure-individual-per-customer=1000000")
class ActivityIT extends PostgresIntegrationTest {

    private static final String TENANT = "activity-bank";

    @Autowired
    private ApplicationEventPublisher events;

    private BankFixture bank;
    private SoftwareAuthenticator alicesPhone;
    private SoftwareAuthenticator bobsPhone;
    private String alice;
    private String bob;
    private UUID aliceId;
    private UUID bobId;

    @BeforeEach
    void twoCustomers() {
        bank = BankFixture.create(api, TENANT, Map.of(), Map.of());
        alicesPhone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        bobsPhone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        alice = "alice" + System.nanoTime();
        bob = "bob" + System.nanoTime();
        aliceId = bank.enrolled(alice, alicesPhone);
        bobId = bank.enrolled(bob, bobsPhone);
        rename(aliceId, onlyDevice(aliceId), "Alice's iPhone");
        rename(bobId, onlyDevice(bobId), "Bob's Pixel");
    }

    @Test
    void aCustomerSeesOnlyTheirOwnEventsOnEveryPage() {
        bank.tokens(bobsPhone, bob);
        bank.tokens(alicesPhone, alice);
        String bobsToken = bank.tokens(bobsPhone, bob).path("access_token").asString();
        String alicesToken = bank.tokens(alicesPhone, alice).path("access_token").asString();

        List<JsonNode> alicesActivity = walk(alicesToken, 2);
        List<JsonNode> bobsActivity = walk(bobsToken, 2);

        assertThat(sentences(alicesActivity)).containsExactly(
                "Signed in: Signed in with Alice's iPhone in a browser",
                "Signed in: Signed in with Alice's iPhone in a browser",
                "Device renamed: A device was renamed to \u201cAlice's iPhone\u201d",
                "Device added: Added Alice's iPhone to your account",
                "Account created: Your account was created");
        assertThat(sentences(bobsActivity)).containsExactly(
                "Signed in: Signed in with Bob's Pixel in a browser",
                "Signed in: Signed in with Bob's Pixel in a browser",
                "Device renamed: A device was renamed to \u201cBob's Pixel\u201d",
                "Device added: Added Bob's Pixel to your account",
                "Account created: Your account was created");
        assertThat(ids(alicesActivity)).isSubsetOf(allEventsOf(aliceId)).doesNotContainAnyElementsOf(allEventsOf(bobId));
        assertThat(ids(bobsActivity)).isSubsetOf(allEventsOf(bobId)).doesNotContainAnyElementsOf(allEventsOf(aliceId));
        assertThat(alicesActivity).map(i -> i.path("deviceName").asString("")).containsOnly("", "Alice's iPhone");
        assertThat(bobsActivity).map(i -> i.path("deviceName").asString("")).containsOnly("", "Bob's Pixel");
    }

    @Test
    void anotherCustomersCursorShowsNothingOfTheirs() {
        String alicesToken = bank.tokens(alicesPhone, alice).path("access_token").asString();
        String bobsToken = bank.tokens(bobsPhone, bob).path("access_token").asString();
        String bobsCursor = activity(bobsToken, "?limit=1").json().path("nextCursor").asString();

        Response withBobsCursor = activity(alicesToken, "?limit=100&cursor=" + bobsCursor);

        assertThat(withBobsCursor.status()).isEqualTo(200);
        assertThat(ids(withBobsCursor.json().path("items").valueStream().toList()))
                .isNotEmpty().isSubsetOf(allEventsOf(aliceId));
    }

    @Test
    void pagesWalkEveryEventNewestFirstWithoutDuplicatesOrGaps() {
        for (int i = 0; i < 4; i++) {
            bank.tokens(alicesPhone, alice);
        }
        String token = bank.tokens(alicesPhone, alice).path("access_token").asString();

        List<JsonNode> walked = walk(token, 3);
        JsonNode onePage = activity(token, "?limit=100").json();

        List<Long> ids = walked.stream().map(i -> i.path("id").asLong()).toList();
        assertThat(ids).hasSizeGreaterThan(6).doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> Long.compare(b, a))
                .isEqualTo(onePage.path("items").valueStream().map(i -> i.path("id").asLong()).toList());
        assertThat(onePage.has("nextCursor")).isFalse();
        assertThat(walked.getFirst().path("title").asString()).isEqualTo("Signed in");
        assertThat(Instant.parse(walked.getFirst().path("occurredAt").asString()))
                .isAfterOrEqualTo(Instant.parse(walked.getLast().path("occurredAt").asString()));
    }

    @Test
    void signInsAndDeviceRemovalsReadInPlainLanguage() {
        SoftwareAuthenticator laptop = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        BankFixture.require(bank.register(laptop, bank.grant(aliceId), input -> input), 200);
        bank.tokens(alicesPhone, alice);
        UUID phone = onlyDevice(aliceId);
        BankFixture.require(bank.backend("POST", "/customers/" + aliceId + "/devices/" + phone + "/revoke", null), 200);
        String token = bank.tokens(laptop, alice).path("access_token").asString();

        List<JsonNode> items = walk(token, 100);

        assertThat(items.get(0).path("title").asString()).isEqualTo("Signed in");
        JsonNode ended = items.get(1);
        assertThat(ended.path("title").asString()).isEqualTo("Session ended");
        assertThat(ended.path("description").asString())
                .isEqualTo("The session on Alice's iPhone ended because the device was removed");
        JsonNode removed = items.get(2);
        assertThat(removed.path("type").asString()).isEqualTo("device.revoked");
        assertThat(removed.path("title").asString()).isEqualTo("Device removed");
        assertThat(removed.path("description").asString()).isEqualTo("Removed Alice's iPhone; it can no longer sign in");
        assertThat(removed.path("deviceName").asString()).isEqualTo("Alice's iPhone");
        assertThat(removed.path("deviceId").asString()).isEqualTo(phone.toString());
        JsonNode signedIn = items.get(3);
        assertThat(signedIn.path("title").asString()).isEqualTo("Signed in");
        assertThat(signedIn.path("description").asString()).isEqualTo("Signed in with Alice's iPhone in a browser");
        assertThat(signedIn.path("channel").asString()).isEqualTo("web");
        assertThat(signedIn.path("ip").asString()).isNotBlank();
        assertThat(items.getLast().path("title").asString()).isEqualTo("Account created");
    }

    @Test
    void aFailedSignInShowsAsOne() {
        UUID phone = onlyDevice(aliceId);
        BankFixture.require(bank.backend("POST", "/customers/" + aliceId + "/devices/" + phone + "/suspend", null), 200);
        assertCode(bank.signIn(alicesPhone, alice), "credential_suspended");
        BankFixture.require(bank.backend("POST", "/customers/" + aliceId + "/devices/" + phone + "/resume", null), 200);
        String token = bank.tokens(alicesPhone, alice).path("access_token").asString();

        List<JsonNode> items = walk(token, 100);

        assertThat(items).map(i -> i.path("title").asString()).containsExactly("Signed in", "Device resumed",
                "Sign-in failed", "Device suspended", "Device renamed", "Device added", "Account created");
        assertThat(items.get(2).path("outcome").asString()).isEqualTo("failure");
        assertThat(items.get(2).path("description").asString()).isEqualTo("A sign-in attempt with Alice's iPhone failed");
        assertThat(items.get(4).path("description").asString()).isEqualTo("A device was renamed to \u201cAlice's iPhone\u201d");
    }

    @Test
    void rejectsACallerWithoutAnAccessToken() {
        Response response = api.get(bank.path("/me/activity"));

        assertThat(response.status()).isEqualTo(401);
        assertCode(response, "token_missing");
    }

    @SendsBadInput("a cursor and a limit the contract refuses")
    @Test
    void rejectsACursorOrLimitItDidNotIssue() {
        String token = bank.tokens(alicesPhone, alice).path("access_token").asString();

        for (String query : List.of("?cursor=not-a-cursor", "?cursor=LTE", "?cursor=%21%21", "?limit=0",
                "?limit=101", "?limit=many")) {
            Response response = activity(token, query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertCode(response, "invalid_request");
        }
    }

    @Test
    void theBankSeesACustomersActivityWithAUsersKey() {
        String token = bank.tokens(alicesPhone, alice).path("access_token").asString();

        Response forTheBank = bank.backend("GET", "/customers/" + aliceId + "/activity?limit=100", null);

        assertThat(forTheBank.status()).isEqualTo(200);
        assertThat(sentences(forTheBank.json().path("items").valueStream().toList())).containsExactly(
                "Signed in: Signed in with Alice's iPhone in a browser",
                "Device renamed: A device was renamed to \u201cAlice's iPhone\u201d",
                "Device added: Added Alice's iPhone to your account",
                "Account created: Your account was created");
        assertThat(forTheBank.json().path("items").valueStream().map(i -> i.path("type").asString()))
                .containsExactly("token.issued", "device.renamed", "registration.succeeded", "customer.created");
        assertThat(ids(forTheBank.json().path("items").valueStream().toList())).isSubsetOf(allEventsOf(aliceId));
        assertThat(forTheBank.json().path("items")).isEqualTo(activity(token, "?limit=100").json().path("items"));
    }

    @SendsBadInput("limit=0, below the contract's minimum")
    @Test
    void theBanksActivityEndpointRefusesAMissingInvalidOrUnderScopedKey() {
        String path = bank.path("/customers/" + aliceId + "/activity");
        String withoutUsers = BankFixture.createApiKey(api, TENANT, List.of("enrollment", "devices", "sessions"));

        assertProblem(api.get(path), 401, "api_key_missing");
        assertProblem(api.get(path, "Authorization", "Bearer bck_0123456789abcdef_" + "A".repeat(43)), 401,
                "api_key_invalid");
        assertProblem(api.get(path, "Authorization", "Bearer " + withoutUsers), 403, "api_key_scope_missing");
        assertProblem(api.get(bank.path("/customers/not-a-uuid/activity"), "Authorization", "Bearer " + withoutUsers),
                403, "api_key_scope_missing");
        assertProblem(bank.backend("GET", "/customers/" + UUID.randomUUID() + "/activity", null), 404,
                "customer_not_found");
        assertProblem(bank.backend("GET", "/customers/" + aliceId + "/activity?limit=0", null), 400,
                "invalid_request");
    }

    @Test
    void investigatorsFilterByCustomerDeviceTypeAndTime() {
        UUID alicesDevice = onlyDevice(aliceId);
        bank.tokens(alicesPhone, alice);
        Instant from = Instant.now().truncatedTo(ChronoUnit.MICROS);
        bank.tokens(bobsPhone, bob);
        Instant to = Instant.now().plusMillis(1);

        assertThat(forensics("customerId=" + aliceId)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("customerId").asString()).isEqualTo(aliceId.toString()));
        assertThat(forensics("deviceId=" + alicesDevice)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("deviceId").asString()).isEqualTo(alicesDevice.toString()));
        assertThat(forensics("type=token.issued&type=authentication.failed")).map(e -> e.path("type").asString())
                .contains("token.issued").containsOnly("token.issued", "authentication.failed");
        List<JsonNode> window = forensics("from=" + from + "&to=" + to);
        assertThat(window).map(e -> e.path("type").asString())
                .contains("authentication.succeeded", "token.issued");
        assertThat(window).allSatisfy(e -> assertThat(Instant.parse(e.path("occurredAt").asString()))
                .isBetween(from, to));
        assertThat(window).map(e -> e.path("customerId").asString("")).doesNotContain(aliceId.toString());
    }

    @Test
    void investigatorsFindTheEventsOfAnAddressInATimeRange() {
        Instant from = Instant.now().minusSeconds(60);
        long fromAbroad = failedSignInFrom("203.0.113.9", "=HYPERLINK(\"https://evil.example\",\"x\")");
        long fromIpv6 = failedSignInFrom("2001:db8::1", "Mozilla/5.0");
        bank.tokens(alicesPhone, alice);
        String range = "&from=" + from + "&to=" + Instant.now().plusSeconds(60);

        assertThat(forensics("ip=203.0.113.9" + range)).map(e -> e.path("id").asLong()).containsExactly(fromAbroad);
        assertThat(forensics("ip=2001:db8:0:0:0:0:0:1" + range)).map(e -> e.path("id").asLong())
                .containsExactly(fromIpv6);
        String local = forensics("type=token.issued&customerId=" + aliceId).getFirst().path("ip").asString();
        assertThat(forensics("ip=" + local + "&customerId=" + aliceId + range)).map(e -> e.path("id").asLong())
                .isNotEmpty().doesNotContain(fromAbroad, fromIpv6);
        assertProblem(api.admin("GET", adminEvents("ip=203.0.113.9"), null), 400, "invalid_request");
        assertProblem(api.admin("GET", adminEvents("ip=203.0.113.9&from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z"),
                null), 400, "invalid_request");
        assertProblem(api.admin("GET", adminEvents("ip=not-an-address" + range), null), 400, "invalid_request");
    }

    @Test
    void anIpSearchStopsAtItsScanBoundAndItsCursorContinuesTheScan() {
        Instant from = Instant.now().minusSeconds(60);
        long wanted = failedSignInFrom("192.0.2.44", "Mozilla/5.0");
        RequestContext.open(null, "192.0.2.45", "Mozilla/5.0");
        try {
            for (int i = 0; i < AuditEvents.MAX_IP_SCAN; i++) {
                events.publishEvent(SecurityEvent.failure(TENANT, SecurityEventType.AUTHENTICATION_FAILED,
                        "signature_invalid").customer(aliceId).build());
            }
        } finally {
            RequestContext.close();
        }
        String query = "ip=192.0.2.44&customerId=" + aliceId + "&from=" + from + "&to=" + Instant.now().plusSeconds(60);

        JsonNode first = page(query);
        JsonNode second = page(query + "&cursor=" + first.path("nextCursor").asString());

        assertThat(first.path("items").isEmpty()).isTrue();
        assertThat(second.path("items").valueStream().map(e -> e.path("id").asLong())).containsExactly(wanted);
        assertThat(second.has("nextCursor")).isFalse();
    }

    @Test
    void investigatorsExportCsvWithAHeaderAndOneRowPerEvent() {
        long injected = failedSignInFrom("198.51.100.7", "=SUM(1,2)");
        String query = "customerId=" + aliceId + "&limit=3";

        Response csv = api.admin("GET", adminEvents(query + "&format=csv"), null);
        List<JsonNode> json = page(query).path("items").valueStream().toList();

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw().headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).startsWith("attachment"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,occurredAt,type,outcome,reason,actorType,actorId,customerId,deviceId,"
                + "credentialId,sessionId,channel,correlationId,ip,userAgent,personal,shredded,occurrences,lastOccurredAt");
        assertThat(lines).hasSize(json.size() + 1);
        assertThat(lines[1]).startsWith(injected + ",")
                .contains(",198.51.100.7,\"'=SUM(1,2)\",")
                .endsWith(",false,,");
        assertThat(csv.raw().headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link)
                .startsWith("</v1/admin/tenants/" + TENANT + "/audit/events?").contains("format=csv")
                .contains("cursor=" + cursorOf(json.getLast().path("id").asLong()))
                .endsWith(">; rel=\"next\""));
    }

    @SendsBadInput("filters the contract's patterns and bounds refuse")
    @Test
    void investigatorsGetProblemsForBadFilters() {
        for (String query : List.of("customerId=nope", "from=yesterday", "from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z",
                "type=Token", "credentialId=a%2Bb", "format=xml", "cursor=%3D%3D", "from=%2B300000-01-01T00:00:00Z",
                "to=1900-01-01T00:00:00Z")) {
            Response response = api.admin("GET", adminEvents(query), null);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertCode(response, "invalid_request");
        }
        assertProblem(api.admin("GET", "/v1/admin/tenants/no-such-bank/audit/events", null), 404, "tenant_not_found");
        assertProblem(api.get(adminEvents("")), 401, "unauthorized");
    }

    /** A failed sign-in of Alice's as if from another network, as the audit writer sees a request. */
    private long failedSignInFrom(String ip, String userAgent) {
        RequestContext.open(null, ip, userAgent);
        try {
            events.publishEvent(SecurityEvent.failure(TENANT, SecurityEventType.AUTHENTICATION_FAILED,
                    "signature_invalid").customer(aliceId).build());
        } finally {
            RequestContext.close();
        }
        return page("customerId=" + aliceId + "&limit=1").path("items").get(0).path("id").asLong();
    }

    private static String cursorOf(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    }

    private Response activity(String accessToken, String query) {
        return bank.me("GET", "/activity" + query, accessToken, null);
    }

    /** Every page of the customer's activity, following nextCursor. */
    private List<JsonNode> walk(String accessToken, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Response page = activity(accessToken, "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            BankFixture.require(page, 200);
            page.json().path("items").forEach(items::add);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(limit);
            cursor = page.json().has("nextCursor") ? page.json().path("nextCursor").asString() : null;
        } while (cursor != null);
        return items;
    }

    private static List<Long> ids(List<JsonNode> items) {
        return items.stream().map(i -> i.path("id").asLong()).toList();
    }

    /** Each item as the customer reads it: its title, then its sentence. */
    private static List<String> sentences(List<JsonNode> items) {
        return items.stream().map(i -> i.path("title").asString() + ": " + i.path("description").asString()).toList();
    }

    private Set<Long> allEventsOf(UUID customerId) {
        return Set.copyOf(ids(forensics("customerId=" + customerId)));
    }

    /** Every page of the admin query, 100 events at a time. */
    private List<JsonNode> forensics(String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(query + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("items").forEach(items::add);
            cursor = page.has("nextCursor") ? page.path("nextCursor").asString() : null;
        } while (cursor != null);
        return items;
    }

    /** One page of the admin query. */
    private JsonNode page(String query) {
        Response page = api.admin("GET", adminEvents(query), null);
        BankFixture.require(page, 200);
        return page.json();
    }

    private static String adminEvents(String query) {
        return "/v1/admin/tenants/" + TENANT + "/audit/events?" + query;
    }

    private UUID onlyDevice(UUID customerId) {
        return bank.firstDevice(customerId);
    }

    private void rename(UUID customerId, UUID deviceId, String name) {
        BankFixture.require(bank.backend("PATCH", "/customers/" + customerId + "/devices/" + deviceId,
                Map.of("name", name)), 200);
    }
}
