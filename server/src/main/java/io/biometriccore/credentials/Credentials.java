package io.biometriccore.credentials;

import io.biometriccore.credentials.internal.CredentialRepository;
import io.biometriccore.credentials.internal.DeviceNames;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The credentials module's facade. Every operation is scoped by tenant. */
@Service
public class Credentials {

    private final CredentialRepository repository;
    private final DeviceNames deviceNames;
    private final Clock clock;

    Credentials(CredentialRepository repository, DeviceNames deviceNames, Clock clock) {
        this.repository = repository;
        this.deviceNames = deviceNames;
        this.clock = clock;
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
     * Stores a verified credential and creates its device record.
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
                CredentialStatus.ACTIVE, now);
        repository.insertDevice(device);
        if (!repository.insertCredential(credential)) {
            return Optional.empty();
        }
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

    /** The counter went backwards: block the credential until an administrator revokes it (§6.1.1). */
    @Transactional
    public void markSuspectedClone(Credential credential) {
        repository.markSuspectedClone(credential.tenantId(), credential.credentialId());
    }
}
