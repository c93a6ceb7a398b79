package io.biometriccore.admin.internal;

import io.biometriccore.audit.AuditLogs;
import io.biometriccore.audit.ConsistencyProof;
import io.biometriccore.audit.InclusionProof;
import io.biometriccore.audit.SignedTreeHead;
import io.biometriccore.audittools.AuditExport;
import io.biometriccore.audittools.Finding;
import io.biometriccore.audittools.VerificationReport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A tenant's audit log for its auditors: the signed tree heads and the keys that verify them, RFC 9162
 * inclusion and consistency proofs, a verification run on the server, and the export that
 * {@code audit verify --file} checks without trusting the server.
 */
@RestController
@RequestMapping(path = "/v1/admin/tenants/{tenantId}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditAdminController {

    private final AuditLogs auditLogs;
    private final Clock clock;

    AuditAdminController(AuditLogs auditLogs, Clock clock) {
        this.auditLogs = auditLogs;
        this.clock = clock;
    }

    /** The outcome of a verification: counts, and what was found wrong, the first tampered place first. */
    record Verification(String tenantId, boolean intact, int events, int leaves, int treeHeads,
            List<Finding> findings) {

        static Verification of(VerificationReport report) {
            return new Verification(report.tenantId(), report.intact(), report.events(), report.leaves(),
                    report.treeHeads(), report.findings());
        }
    }

    /** A page of heads, smallest first; a full page links to the next ({@code Link: <...>; rel="next"}). */
    @GetMapping("/tree-heads")
    ResponseEntity<List<SignedTreeHead>> treeHeads(@PathVariable String tenantId,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "" + AuditLogs.MAX_HEADS_PER_PAGE) int limit, HttpServletRequest request) {
        List<SignedTreeHead> page = auditLogs.treeHeads(tenantId, after, limit);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.size() == limit) {
            String next = UriComponentsBuilder.fromPath(request.getRequestURI())
                    .queryParam("after", page.getLast().treeSize()).queryParam("limit", limit).build().toUriString();
            ok.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return ok.body(page);
    }

    /** Every key the tenant's tree heads were signed with, as a JWKS of public keys. */
    @GetMapping("/public-keys")
    Map<String, Object> publicKeys(@PathVariable String tenantId) {
        return auditLogs.publicKeys(tenantId).toJSONObject(true);
    }

    @GetMapping("/proofs/inclusion")
    InclusionProof inclusion(@PathVariable String tenantId, @RequestParam long eventId, @RequestParam long treeSize) {
        return auditLogs.inclusion(tenantId, eventId, treeSize);
    }

    @GetMapping("/proofs/consistency")
    ConsistencyProof consistency(@PathVariable String tenantId, @RequestParam long first, @RequestParam long second) {
        return auditLogs.consistency(tenantId, first, second);
    }

    @PostMapping("/verify")
    Verification verify(@PathVariable String tenantId) {
        return Verification.of(auditLogs.verify(tenantId));
    }

    /**
     * The whole log as {@link AuditExport} NDJSON, streamed page by page; it holds personal fields as
     * ciphertext only. The export is itself audited ({@code audit.exported}).
     */
    @GetMapping(path = "/export", produces = AuditExport.MEDIA_TYPE)
    void export(@PathVariable String tenantId, HttpServletResponse response) throws IOException {
        auditLogs.export(tenantId, clock.instant(), () -> {
            response.setContentType(AuditExport.MEDIA_TYPE);
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename("audit-" + tenantId + ".ndjson").build().toString());
            return response.getOutputStream();
        });
    }
}
