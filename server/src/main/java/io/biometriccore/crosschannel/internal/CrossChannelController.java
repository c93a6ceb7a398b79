package io.biometriccore.crosschannel.internal;

import io.biometriccore.ceremonies.ClientContext;
import io.biometriccore.risk.AttemptReport;
import io.biometriccore.risk.BankContexts;
import io.biometriccore.sessions.AuthenticatedSession;
import io.biometriccore.sessions.DPoPProof;
import io.biometriccore.sessions.VerifiedProof;
import io.biometriccore.sessions.Sessions;
import io.biometriccore.sessions.TokenResponse;
import io.biometriccore.shared.BearerToken;
import io.biometriccore.shared.ClientApi;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Cross-channel sign-in over HTTP. The browser authenticates its calls with the poll secret
 * ({@code Authorization: Bearer cc_...}); the phone with its own access token.
 */
@ClientApi
@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}/cross-channel", produces = MediaType.APPLICATION_JSON_VALUE)
class CrossChannelController {

    private final CrossChannelSignIns signIns;
    private final CrossChannelStreams streams;
    private final Sessions sessions;
    private final BankContexts bankContexts;

    CrossChannelController(CrossChannelSignIns signIns, CrossChannelStreams streams, Sessions sessions,
            BankContexts bankContexts) {
        this.bankContexts = bankContexts;
        this.signIns = signIns;
        this.streams = streams;
        this.sessions = sessions;
    }

    @PostMapping
    ResponseEntity<CrossChannelSignIns.Requested> request(@PathVariable String tenantId, HttpServletRequest request) {
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore())
                .body(signIns.request(tenantId, ClientContext.of(request)));
    }

    @GetMapping("/{requestId}")
    CrossChannelSignIns.State state(@PathVariable String tenantId, @PathVariable UUID requestId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        return signIns.state(tenantId, requestId, BearerToken.of(authorization));
    }

    /**
     * The same state as server-sent events: one {@code state} event now and on every change, until
     * the request leaves {@code pending}. Browsers read it with {@code fetch}, which can send the
     * poll secret in a header (an {@code EventSource} cannot).
     */
    @GetMapping(path = "/{requestId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String tenantId, @PathVariable UUID requestId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        return streams.open(tenantId, requestId, BearerToken.of(authorization));
    }

    @PostMapping(path = "/{requestId}/approval/options")
    CrossChannelSignIns.ApprovalOptions approvalOptions(@PathVariable String tenantId, @PathVariable UUID requestId,
            AuthenticatedSession phone, @RequestBody(required = false) @Nullable AttemptReport report) {
        BankContexts.Reported reported = bankContexts.report(tenantId, report);
        return signIns.approvalOptions(tenantId, requestId, phone, reported);
    }

    @PostMapping(path = "/{requestId}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> approve(@PathVariable String tenantId, @PathVariable UUID requestId,
            AuthenticatedSession phone, @RequestBody CrossChannelSignIns.PhoneApproval approval,
            HttpServletRequest request) {
        signIns.approve(tenantId, requestId, phone, approval, ClientContext.of(request));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{requestId}/token")
    ResponseEntity<TokenResponse> claim(@PathVariable String tenantId, @PathVariable UUID requestId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestHeader(name = "DPoP", required = false) @Nullable String dpop, HttpServletRequest request) {
        VerifiedProof proof = dpop == null ? null
                : sessions.checkProof(tenantId, new DPoPProof(dpop, "POST", request.getRequestURI(), null));
        TokenResponse tokens = signIns.claim(tenantId, requestId, BearerToken.of(authorization),
                ClientContext.of(request).userAgent(), proof);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
    }
}
