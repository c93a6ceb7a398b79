package io.biometriccore.audittools;

import java.util.Objects;

/** A leaf of a tenant's log as stored: its position, the event it seals, and its hash. */
public record SealedLeaf(long leafIndex, long eventId, byte[] leafHash) {

    public SealedLeaf {
        leafHash = Objects.requireNonNull(leafHash, "leafHash").clone();
    }

    @Override
    public byte[] leafHash() {
        return leafHash.clone();
    }
}
