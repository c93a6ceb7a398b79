package io.biometriccore.demo;

import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.signing.BankTransactions;
import io.biometriccore.signing.BankTransactions.Payment;
import io.biometriccore.signing.BankTransactions.Registered;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The demo's "bank": the backend a real bank runs, played in-process for the demo page. The customer
 * signed in on the page sends their access token; the bank resolves the customer from it and registers
 * the payment for them through {@link BankTransactions}, which validates, audits and notifies exactly as
 * {@code POST /transactions} does. It answers the evidence bundle of the customer's own transactions
 * only. Same-origin routes of the page (no CORS), existing only while the demo is on.
 */
@RestController
@ConditionalOnBooleanProperty("biometric.demo.enabled")
@RequestMapping(path = "/demo/payments", produces = MediaType.APPLICATION_JSON_VALUE)
class DemoBankController {

    private final Sessions sessions;
    private final BankTransactions bank;

    DemoBankController(Sessions sessions, BankTransactions bank) {
        this.sessions = sessions;
        this.bank = bank;
    }

    /** The page's payment form: the amount, who is paid and a text for the customer. */
    record PaymentForm(@Nullable Amount amount, @Nullable Payee payee, @Nullable String text) {
    }

    record Amount(@Nullable String value, @Nullable String currency) {
    }

    record Payee(@Nullable String name, @Nullable String account) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Registered> register(@RequestBody PaymentForm form, HttpServletRequest request) {
        AuthenticatedSession caller = caller(request);
        Amount amount = form.amount() == null ? new Amount(null, null) : form.amount();
        Payee payee = form.payee() == null ? new Payee(null, null) : form.payee();
        // An empty text box is no text: the optional member is left out, as a bank would.
        String text = form.text() == null || form.text().isEmpty() ? null : form.text();
        Registered registered = bank.registerPayment(DemoTenant.ID, new Payment(caller.session().customerId(),
                amount.value(), amount.currency(), payee.name(), payee.account(), text));
        return ResponseEntity.created(URI.create("/demo/payments/" + registered.id()))
                .cacheControl(CacheControl.noStore()).body(registered);
    }

    @GetMapping("/{transactionId}/evidence")
    ResponseEntity<JsonNode> evidence(@PathVariable UUID transactionId, HttpServletRequest request) {
        AuthenticatedSession caller = caller(request);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(bank.evidenceBundle(DemoTenant.ID, caller.session().customerId(), transactionId));
    }

    /** The signed-in customer of the demo tenant, from their access token (with its DPoP proof if bound). */
    private AuthenticatedSession caller(HttpServletRequest request) {
        return sessions.authenticate(DemoTenant.ID, request.getHeader("Authorization"), request.getHeader("DPoP"),
                request.getMethod(), request.getRequestURI());
    }
}
