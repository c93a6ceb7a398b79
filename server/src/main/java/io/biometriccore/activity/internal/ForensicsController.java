package io.biometriccore.activity.internal;

import io.biometriccore.audit.AuditEvents;
import io.biometriccore.audit.AuditLogs;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Forensics for investigators (admin API): a tenant's audit events by customer, device, credential,
 * IP, type and time range, newest first, as JSON or as a CSV export. Both are paginated by the same
 * cursor: JSON carries {@code nextCursor}, CSV a {@code Link: <...>; rel="next"} header (RFC 8288).
 * See {@link AuditEvents} for what an IP filter needs.
 */
@RestController
@RequestMapping("/v1/admin/tenants/{tenantId}/audit")
class ForensicsController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AuditEvents auditEvents;
    private final AuditLogs auditLogs;

    ForensicsController(AuditEvents auditEvents, AuditLogs auditLogs) {
        this.auditEvents = auditEvents;
        this.auditLogs = auditLogs;
    }

    /**
     * The search is itself audited ({@code audit.searched}), its criteria encrypted.
     *
     * @throws ApiException {@code invalid_request} for a bad parameter, {@code tenant_not_found}
     */
    @GetMapping("/events")
    ResponseEntity<?> events(@PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String customerId,
            @RequestParam(required = false) @Nullable String deviceId,
            @RequestParam(required = false) @Nullable String credentialId,
            @RequestParam(required = false) @Nullable String ip,
            @RequestParam(name = "type", required = false) @Nullable List<String> types,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(defaultValue = "json") String format,
            HttpServletRequest request) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "format must be json or csv");
        }
        AuditEvents.Filter filter = new AuditEvents.Filter(QueryParams.uuid(customerId, "customerId"),
                QueryParams.uuid(deviceId, "deviceId"), credentialId, types == null ? Set.of() : Set.copyOf(types),
                QueryParams.instant(from, "from"), QueryParams.instant(to, "to"), ip);
        AuditEvents.Page page = auditEvents.find(tenantId, filter, cursor, QueryParams.limit(limit));
        Map<String, String> criteria = new LinkedHashMap<>();
        criteria.put("format", format);
        putIfPresent(criteria, "customerId", customerId);
        putIfPresent(criteria, "deviceId", deviceId);
        putIfPresent(criteria, "credentialId", credentialId);
        putIfPresent(criteria, "ip", ip);
        putIfPresent(criteria, "from", from);
        putIfPresent(criteria, "to", to);
        putIfPresent(criteria, "types", types == null ? null : String.join(",", types));
        auditLogs.recordAccess(tenantId, AuditLogs.Access.SEARCHED, criteria);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        if (format.equals("json")) {
            return ok.contentType(MediaType.APPLICATION_JSON).body(page);
        }
        if (page.nextCursor() != null) {
            String next = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                    .replaceQueryParam("cursor", page.nextCursor()).build().toUriString();
            ok.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return ok.contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("audit-events-" + tenantId + ".csv").build().toString())
                .body(CsvExport.of(page.items()));
    }

    private static void putIfPresent(Map<String, String> criteria, String name, @Nullable String value) {
        if (value != null) {
            criteria.put(name, value);
        }
    }
}
