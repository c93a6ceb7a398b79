package io.biometriccore.credentials;

import io.biometriccore.appintegrity.DeviceAttestation;
import io.biometriccore.appintegrity.DeviceIntegrity;
import io.biometriccore.credentials.internal.AuthenticatorInventory;
import io.biometriccore.credentials.internal.CredentialRepository;
import io.biometriccore.credentials.internal.DeviceNames;
import io.biometriccore.identity.CustomerDeleted;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.BankNotification;
import io.biometriccore.shared.BankNotificationType;
import io.biometriccore.shared.Base64Url;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.shared.SecurityEvent;
import io.biometriccore.shared.SecurityEventType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The credentials module's facade. Every operation is scoped by tenant. */
@Service
public class Credentials {

    private final CredentialRepository repository;
    private final AuthenticatorInventory inventory;
    private final DeviceNames deviceNames;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DeviceIntegrity integrity;

    Credentials(CredentialRepository repository, AuthenticatorInventory inventory, DeviceNames deviceNames,
            ApplicationEventPublisher events, Clock clock, DeviceIntegrity integrity) {
        this.integrity = integrity;
        this.repository = repository;
        this.inventory = inventory;
        this.deviceNames = deviceNames;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The status of a device's credential, read under a row lock held to the end of the caller's
     * transaction: a session opened in that transaction either sees a suspension or revocation that
     * committed first, or makes it wait and be ended by it. Empty when the credential is gone.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CredentialStatus> lockStatus(String tenantId, UUID deviceId) {
        return repository.lockStatus(tenantId, deviceId);
    }

    /** A customer's devices, oldest first, revoked ones included. */
    @Transactional(readOnly = true)
    public List<DeviceDetails> devices(String tenantId, UUID customerId) {
        return repository.listDevices(tenantId, customerId).stream().map(row -> details(tenantId, row)).toList();
    }

    /** @throws ApiException {@code device_not_found}, also when the device is another customer's */
    @Transactional(readOnly = true)
    public DeviceDetails device(String tenantId, UUID customerId, UUID deviceId) {
        return repository.findDevice(tenantId, customerId, deviceId).map(row -> details(tenantId, row))
                .orElseThrow(() -> new ApiException(CredentialProblem.DEVICE_NOT_FOUND));
    }

    /** @throws ApiException {@code device_not_found}, or {@code invalid_request} for a bad name */
    @Transactional
    public DeviceDetails rename(String tenantId, UUID customerId, UUID deviceId, String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 64 || label.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(CommonProblem.INVALID_REQUEST, "name must be 1 to 64 printable characters");
        }
        device(tenantId, customerId, deviceId);
        repository.renameDevice(tenantId, customerId, deviceId, label);
        events.publishEvent(SecurityEvent.success(tenantId, SecurityEventType.DEVICE_RENAMED).customer(customerId)
                .device(deviceId).personal("name", label).build());
        return device(tenantId, customerId, deviceId);
    }

    /**
     * Suspend, resume or revoke a device's credential. Suspending and revoking end the device's
     * sessions ({@link DeviceDisabled}); revoking is final, and it is the only way out of
     * {@code SUSPECTED_CLONE}. Revoking a revoked device changes nothing; revoking takes the credential out
     * of the authenticator inventory, and resuming clears a flag (the administrator has decided).
     *
     * @throws ApiException {@code device_not_found}, {@code device_state_conflict} or {@code device_clone_suspected}
     */
    @Transactional
    public DeviceDetails changeStatus(String tenantId, UUID customerId, UUID deviceId, CredentialStatus target) {
        DeviceDetails device = device(tenantId, customerId, deviceId);
        CredentialStatus from = device.status();
        if (from == target && target == CredentialStatus.REVOKED) {
            return device;
        }
        boolean allowed = switch (target) {
            case SUSPENDED -> from == CredentialStatus.ACTIVE;
            case ACTIVE -> from == CredentialStatus.SUSPENDED;
            case REVOKED -> true;
            case SUSPECTED_CLONE -> false;
        };
        if (!allowed) {
            throw new ApiException(from == CredentialStatus.SUSPECTED_CLONE ? CredentialProblem.DEVICE_CLONE_SUSPECTED
                    : CredentialProblem.DEVICE_STATE_CONFLICT, "The device is " + from.name().toLowerCase(Locale.ROOT));
        }
        boolean changed = target == CredentialStatus.REVOKED
                ? repository.revoke(tenantId, customerId, deviceId)
                : repository.changeStatus(tenantId, customerId, deviceId, from, target);
        if (!changed && target == CredentialStatus.REVOKED) {
            return device(tenantId, customerId, deviceId);
        }
        if (!changed) {
            throw new ApiException(CredentialProblem.DEVICE_STATE_CONFLICT, "The device changed meanwhile");
        }
        if (target == CredentialStatus.REVOKED) {
            inventory.removed(tenantId, device.aaguid(), device.backupEligible());
        }
        if (target == CredentialStatus.ACTIVE) {
            repository.clearFlag(tenantId, customerId, deviceId);
        }
        SecurityEventType change = switch (target) {
            case SUSPENDED -> SecurityEventType.DEVICE_SUSPENDED;
            case ACTIVE -> SecurityEventType.DEVICE_RESUMED;
            case REVOKED -> SecurityEventType.DEVICE_REVOKED;
            case SUSPECTED_CLONE -> throw new IllegalStateException("only a failed assertion suspects a clone");
        };
        events.publishEvent(SecurityEvent.success(tenantId, change).customer(customerId).device(deviceId)
                .reason(left(from)).build());
        if (target != CredentialStatus.ACTIVE) {
            events.publishEvent(new DeviceDisabled(tenantId, customerId, deviceId, target));
        }
        return device(tenantId, customerId, deviceId);
    }

    /** The reason of a status change: the status the device left, spelled out because the audit log keeps it. */
    private static String left(CredentialStatus from) {
        return switch (from) {
            case ACTIVE -> "was_active";
            case SUSPENDED -> "was_suspended";
            case REVOKED -> "was_revoked";
            case SUSPECTED_CLONE -> "was_suspected_clone";
        };
    }

    /** Revokes every device of the customer that is not revoked yet; answers how many. */
    @Transactional
    public int revokeAll(String tenantId, UUID customerId) {
        List<DeviceDetails> live = devices(tenantId, customerId).stream()
                .filter(d -> d.status() != CredentialStatus.REVOKED).toList();
        live.forEach(d -> changeStatus(tenantId, customerId, d.id(), CredentialStatus.REVOKED));
        return live.size();
    }

    /**
     * A deleted customer's credentials and devices go with them. This runs before their sessions are
     * revoked: deleting the credential rows waits for any sign-in holding them, so its session exists
     * by the time sessions are revoked.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CustomerDeleted deleted) {
        repository.deleteForCustomer(deleted.tenantId(), deleted.customerId());
    }

    /** The device with what its app's last verified attestation proved, one primary-key read. */
    private DeviceDetails details(String tenantId, CredentialRepository.DeviceRow row) {
        return new DeviceDetails(row.id(), row.customerId(), row.name(),
                deviceNames.authenticatorName(row.aaguid()).orElse(null), row.aaguid(), row.platform(), row.status(),
                row.backupEligible(), row.backupState(), row.attestationTrust(), row.keyProtection(),
                List.copyOf(row.attachmentHint()), row.createdAt(), row.lastUsedAt(),
                integrity.find(tenantId, row.id()).map(DeviceAttestation::posture).orElse(null));
    }

    @Transactional(readOnly = true)
    public Optional<Credential> find(String tenantId, byte[] credentialId) {
        return repository.find(tenantId, credentialId);
    }

    @Transactional(readOnly = true)
    public List<Credential> listForCustomer(String tenantId, UUID customerId) {
        return repository.listForCustomer(tenantId, customerId);
    }

    /**
     * Stores a verified credential and creates its device record; the bank is told
     * ({@code device.added}) in the same transaction.
     *
     * @return empty when the tenant already has a credential with this id (the caller rolls back)
     */
    @Transactional
    public Optional<RegisteredCredential> register(NewCredential n) {
        Instant now = clock.instant();
        Device device = new Device(UUID.randomUUID(), n.tenantId(), n.customerId(),
                deviceNames.name(n.aaguid(), n.userAgent()), deviceNames.platform(n.userAgent()),
                CredentialStatus.ACTIVE, now, null);
        Credential credential = new Credential(n.tenantId(), n.credentialId(), n.customerId(), device.id(),
                n.publicKeyCose(), n.algorithm(), n.signCount(), n.aaguid(), n.transports(), n.uvInitialized(),
                n.backupEligible(), n.backupState(), n.attestationFormat(), n.attestationTrust(),
                CredentialStatus.ACTIVE, now, null, n.keyProtection(), n.attachmentHint());
        repository.insertDevice(device);
        if (!repository.insertCredential(credential)) {
            return Optional.empty();
        }
        events.publishEvent(new BankNotification(n.tenantId(), BankNotificationType.DEVICE_ADDED,
                n.customerId().toString(), Map.of("deviceId", device.id().toString(), "name", device.name(),
                        "aaguid", n.aaguid().toString())));
        return Optional.of(new RegisteredCredential(credential, device));
    }

    /**
     * Records a successful assertion: the new counter and BS flag, and the device's last use. It is a
     * compare-and-set on the counter read before verification.
     *
     * @return false when the credential changed or was blocked meanwhile; the assertion must then fail
     */
    @Transactional
    public boolean recordUse(Credential used, long newSignCount, boolean backupState) {
        return repository.recordUse(used, newSignCount, backupState, clock.instant());
    }

    /**
     * A flagged credential signed in under a tenant whose {@code flaggedAuthenticators} is {@code suspend}:
     * the device is suspended, its sessions end ({@link DeviceDisabled}), and the application of the flag
     * is audited; all of it commits on its own, whatever happens to the refused sign-in.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void suspendFlagged(Credential credential) {
        if (!repository.changeStatus(credential.tenantId(), credential.customerId(), credential.deviceId(),
                CredentialStatus.ACTIVE, CredentialStatus.SUSPENDED)) {
            return;
        }
        events.publishEvent(new DeviceDisabled(credential.tenantId(), credential.customerId(), credential.deviceId(),
                CredentialStatus.SUSPENDED));
        events.publishEvent(SecurityEvent.success(credential.tenantId(), SecurityEventType.DEVICE_SUSPENDED)
                .customer(credential.customerId()).device(credential.deviceId()).reason(left(CredentialStatus.ACTIVE))
                .build());
        events.publishEvent(SecurityEvent.success(credential.tenantId(), SecurityEventType.CREDENTIAL_FLAG_APPLIED)
                .customer(credential.customerId()).device(credential.deviceId())
                .credential(Base64Url.encode(credential.credentialId())).reason("suspend").build());
    }

    /**
     * The counter went backwards: block the credential until an administrator revokes it (§6.1.1), and
     * end every session it opened, since one of them may be the clone's. The block, the ended sessions,
     * their audit events and the bank's {@code credential.suspected_clone} notification commit together
     * and on their own, whatever happens to the failing ceremony.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void markSuspectedClone(Credential credential) {
        repository.markSuspectedClone(credential.tenantId(), credential.credentialId());
        events.publishEvent(new DeviceDisabled(credential.tenantId(), credential.customerId(), credential.deviceId(),
                CredentialStatus.SUSPECTED_CLONE));
        events.publishEvent(SecurityEvent.success(credential.tenantId(), SecurityEventType.DEVICE_CLONE_SUSPECTED)
                .customer(credential.customerId()).device(credential.deviceId())
                .credential(Base64Url.encode(credential.credentialId())).reason("counter_regression").build());
        events.publishEvent(new BankNotification(credential.tenantId(), BankNotificationType.CREDENTIAL_SUSPECTED_CLONE,
                credential.customerId().toString(), Map.of("deviceId", credential.deviceId().toString(),
                        "aaguid", credential.aaguid().toString(), "reason", "counter_regression")));
    }
}
