package io.biometriccore.signing.internal;

import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.ceremonies.WebAuthnJson.AuthenticationResponseJSON;
import io.biometriccore.risk.AttemptReport;
import io.biometriccore.risk.BankContexts;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.shared.ClientApi;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer app's transaction routes, with the customer's access token (DPoP-bound when the session
 * is): client routes, so CORS answers for the tenant's web origins. The Secure Payment Confirmation
 * options and the approval also take the bank backend's API key of scope {@code transactions}
 * ({@link ApprovalCaller}, ADR 0037).
 */
@ClientApi
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}/transactions/{transactionId}", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerTransactionController {

    private final Approvals approvals;
    private final BankContexts bankContexts;

    CustomerTransactionController(Approvals approvals, BankContexts bankContexts) {
        this.approvals = approvals;
        this.bankContexts = bankContexts;
    }

    @PostMapping("/approval/options")
    ResponseEntity<Approvals.ApprovalOptions> options(@PathVariable String tenantId, @PathVariable UUID transactionId,
            AuthenticatedSession caller, @RequestBody(required = false) @Nullable AttemptReport report) {
        BankContexts.Reported reported = bankContexts.report(tenantId, report);
        return noStore(approvals.options(tenantId, transactionId, caller, reported));
    }

    @PostMapping("/spc/options")
    ResponseEntity<Approvals.SpcOptions> spcOptions(@PathVariable String tenantId, @PathVariable UUID transactionId,
            ApprovalCaller caller) {
        return noStore(approvals.spcOptions(tenantId, transactionId, caller));
    }

    @PostMapping(path = "/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Approvals.Approved> approve(@PathVariable String tenantId, @PathVariable UUID transactionId,
            ApprovalCaller caller, @RequestBody AuthenticationResponseJSON credential, HttpServletRequest request) {
        return noStore(approvals.approve(tenantId, transactionId, caller, credential, ClientContext.of(request)));
    }

    @PostMapping("/decline")
    ResponseEntity<TransactionView> decline(@PathVariable String tenantId, @PathVariable UUID transactionId,
            AuthenticatedSession caller) {
        return noStore(approvals.decline(tenantId, transactionId, caller));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
