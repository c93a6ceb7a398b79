package io.biometriccore.signing.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bank sends to register a transaction, a malformed or hostile body is a 400 problem with
 * a stable code, never a 5xx, and nothing the customer is shown can hide what they sign.
 */
class TransactionInputIT extends PostgresIntegrationTest {

    private BankFixture bank;
    private UUID customerId;

    @BeforeEach
    void bankWithACustomer() {
        bank = BankFixture.withSigning(api, "input-bank", Map.of(), Map.of());
        customerId = bank.createCustomer("payer" + System.nanoTime());
    }

    @Test
    void refusesAnAmountBeyondALongInMinorUnits() {
        assertProblem(register(payment("999999999999999.9999", "CLF")), 400, "transaction_invalid");
    }

    @Test
    void refusesABatchWhoseItemsOverflowTheirSum() {
        List<Object> items = new ArrayList<>(Collections.nCopies(100, Map.of(
                "amount", Map.of("value", "999999999999999.99", "currency", "EUR"),
                "payee", Map.of("name", "Ann Smith", "account", "DE02120300000000202051"))));
        Map<String, Object> batch = Map.of("customerId", customerId.toString(), "type", "batch_payment",
                "amount", Map.of("value", "1.00", "currency", "EUR"), "items", items);

        assertProblem(register(batch), 400, "transaction_invalid");
    }

    @Test
    void refusesPayeeNamesWithControlAndBidiCharacters() {
        for (String name : List.of("ACME\u202EHbmG", "ACME\u0000GmbH", "ACME\nGmbH", "ACME\u200BGmbH", "ACME\u2066GmbH")) {
            Map<String, Object> body = new HashMap<>(payment("10.00", "EUR"));
            body.put("payee", Map.of("name", name, "account", "DE89370400440532013000"));
            assertProblem(register(body), 400, "transaction_invalid");
        }
    }

    @Test
    @SendsBadInput("a lone surrogate in a string member")
    void refusesALoneSurrogate() {
        String body = "{\"customerId\":\"" + customerId + "\",\"type\":\"payment\","
                + "\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR\"},"
                + "\"payee\":{\"name\":\"ACME\\ud800\",\"account\":\"DE89370400440532013000\"}}";
        assertProblem(register(body), 400, "transaction_invalid");
    }

    @Test
    @SendsBadInput("members of the wrong types, absurd numbers and durations, deep nesting")
    void answersEveryMalformedRegistrationWithAProblem() {
        String c = "\"customerId\":\"" + customerId + "\",";
        String amount = "\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR\"},";
        String payee = "\"payee\":{\"name\":\"ACME\",\"account\":\"DE89\"}";
        List<String> bodies = List.of(
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"expiresIn\":1e400}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"expiresIn\":-1e400}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"expiresIn\":9223372036854775807999}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"expiresIn\":\"PT99999999999999999999H\"}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"expiresIn\":\"P1000000000D\"}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"expiresIn\":{}}",
                "{" + c + "\"type\":\"payment\",\"amount\":{\"value\":1e400,\"currency\":\"EUR\"}," + payee + "}",
                "{" + c + "\"type\":\"payment\",\"amount\":\"10.00 EUR\"," + payee + "}",
                "{" + c + "\"type\":\"payment\",\"amount\":{\"value\":\"10.00\",\"currency\":\"eur\"}," + payee + "}",
                "{" + c + "\"type\":\"payment\",\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR \"}," + payee + "}",
                "{" + c + "\"type\":\"payment\",\"amount\":{\"value\":\"10.00\",\"currency\":\"XXX\"}," + payee + "}",
                "{" + c + "\"type\":\"payment\",\"amount\":{\"value\":\"-10.00\",\"currency\":\"EUR\"}," + payee + "}",
                "{" + c + "\"type\":\"payment\",\"amount\":{\"value\":\"0.00\",\"currency\":\"EUR\"}," + payee + "}",
                "{" + c + "\"type\":\"payment\",\"amount\":{\"value\":\"123456789012345678901234567890.00\",\"currency\":\"EUR\"}," + payee + "}",
                "{" + c + "\"type\":[\"payment\"]," + amount + payee + "}",
                "{" + c + "\"type\":\"payment\"," + amount + "\"payee\":[1,2]}",
                "{" + c + "\"type\":\"batch_payment\"," + amount + "\"items\":[null]}",
                "{" + c + "\"type\":\"batch_payment\"," + amount + "\"items\":{\"a\":1}}",
                "{\"customerId\":\"not-a-uuid\",\"type\":\"payment\"," + amount + payee + "}",
                "{\"customerId\":42,\"type\":\"payment\"," + amount + payee + "}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"text\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"spc\":\"yes\"}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"spc\":{\"merchantOrigin\":\"https://[::1\"}}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"spc\":{\"merchantOrigin\":\"https://a b\"}}",
                "{" + c + "\"type\":\"payment\"," + amount + payee + ",\"spc\":{\"merchantOrigin\":\"\\u0000\"}}",
                "[]", "null", "\"x\"", "{", "");
        List<String> accepted = new ArrayList<>();
        for (String body : bodies) {
            Response answer = register(body);
            if (answer.status() < 400 || answer.status() > 499 || !answer.contentType().startsWith("application/problem+json")
                    || answer.json().path("code").asString().isEmpty()) {
                accepted.add(answer.status() + " " + (body.length() > 200 ? body.substring(0, 200) : body));
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    @SendsBadInput("members of another JSON type than the contract's: a number for a decimal string, strings and numbers for booleans")
    void refusesAMemberOfTheWrongJsonTypeInsteadOfConvertingIt() {
        String payee = "\"payee\":{\"name\":\"ACME\",\"account\":\"DE89\"}";
        assertProblem(register("{\"customerId\":\"" + customerId + "\",\"type\":\"payment\","
                + "\"amount\":{\"value\":10.00,\"currency\":\"EUR\"}," + payee + "}"), 400, "malformed_request");
        assertProblem(register("{\"customerId\":\"" + customerId + "\",\"type\":\"payment\","
                + "\"amount\":{\"value\":\"10.00\",\"currency\":\"EUR\"},\"payee\":{\"name\":true,\"account\":\"DE89\"}}"),
                400, "malformed_request");
        String id = UUID.randomUUID().toString();
        for (String hold : List.of("{\"hold\":\"true\"}", "{\"hold\":1}")) {
            assertProblem(bank.backend("PUT", "/transactions/" + id + "/legal-hold", hold), 400, "malformed_request");
        }
    }

    @Test
    @SendsBadInput("ten thousand items")
    void refusesTenThousandItems() {
        List<Object> items = new ArrayList<>(Collections.nCopies(10_000, Map.of(
                "amount", Map.of("value", "0.01", "currency", "EUR"),
                "payee", Map.of("name", "Ann Smith", "account", "DE02120300000000202051"))));
        Map<String, Object> batch = Map.of("customerId", customerId.toString(), "type", "batch_payment",
                "amount", Map.of("value", "100.00", "currency", "EUR"), "items", items);
        Response answer = register(batch);
        assertThat(answer.status()).isBetween(400, 499);
    }

    @Test
    @SendsBadInput("invalid transaction ids and bodies on every transaction route")
    void answersInvalidIdsAndBodiesWithAProblem() {
        String key = "Bearer " + bank.apiKey();
        for (String[] route : new String[][] {{"GET", "/transactions/nope"}, {"POST", "/transactions/nope/cancel"},
                {"GET", "/transactions/nope/evidence"}, {"PUT", "/transactions/nope/legal-hold"},
                {"POST", "/transactions/nope/approval/options"}, {"POST", "/transactions/nope/spc/options"},
                {"POST", "/transactions/nope/approval"}, {"POST", "/transactions/nope/decline"},
                {"POST", "/transactions/" + UUID.randomUUID() + "/approval"},
                {"PUT", "/transactions/" + UUID.randomUUID() + "/legal-hold"}}) {
            for (Object body : new Object[] {null, "{\"hold\":\"yes\"}", "{}", "[]", "{\"id\":5,\"response\":7}"}) {
                Response answer = api.send(route[0], bank.path(route[1]), body, "Authorization", key);
                assertThat(answer.status()).as(route[0] + " " + route[1] + " " + body + ": " + answer.body()).isBetween(400, 499);
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    @SendsBadInput("form bodies where the contract has JSON")
    void refusesAnotherContentTypeThanJson() {
        String key = "Bearer " + bank.apiKey();
        String id = UUID.randomUUID().toString();
        for (String route : List.of("/transactions", "/transactions/" + id + "/approval")) {
            assertProblem(api.form(bank.path(route), Map.of("customerId", customerId.toString()), "Authorization", key),
                    415, "unsupported_media_type");
        }
    }

    private Response register(Object body) {
        return bank.backend("POST", "/transactions", body);
    }

    private Map<String, Object> payment(String value, String currency) {
        return Map.of("customerId", customerId.toString(), "type", "payment",
                "amount", Map.of("value", value, "currency", currency),
                "payee", Map.of("name", "ACME GmbH", "account", "DE89370400440532013000"));
    }
}
