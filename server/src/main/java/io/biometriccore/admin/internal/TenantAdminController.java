package io.biometriccore.admin.internal;

import io.biometriccore.tenancy.Tenant;
import io.biometriccore.tenancy.TenantDefinition;
import io.biometriccore.tenancy.Tenants;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tenant administration: list, read, and create-or-replace by id. */
@RestController
@RequestMapping(path = "/v1/admin/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
class TenantAdminController {

    private final Tenants tenants;

    TenantAdminController(Tenants tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    List<Tenant> list() {
        return tenants.list();
    }

    @GetMapping("/{tenantId}")
    Tenant get(@PathVariable String tenantId) {
        return tenants.require(tenantId);
    }

    /** 201 when the tenant was created, 200 when its settings were replaced. */
    @PutMapping(path = "/{tenantId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Tenant> put(@PathVariable String tenantId, @RequestBody TenantDefinition definition) {
        Tenant tenant = definition.toTenant(tenantId);
        boolean created = tenants.save(tenant);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(tenant);
    }
}
