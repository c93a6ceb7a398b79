package io.biometriccore.metadata;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A new MDS3 BLOB came into force, published in the transaction that stores it: listeners that act on
 * it (the retroactive flagging of credentials) commit with it, or not at all.
 *
 * @param no      the new BLOB's serial number
 * @param changes every AAGUID whose latest status differs from the BLOB in force before (none, on the
 *                first BLOB of a deployment)
 */
public record MetadataBlobLoaded(int no, List<StatusChange> changes) {

    public MetadataBlobLoaded {
        changes = List.copyOf(changes);
    }

    /** A model's latest status before and now; either is empty when the BLOB did not list the model. */
    public record StatusChange(UUID aaguid, @Nullable String previous, @Nullable String current) {

        public StatusChange {
            Objects.requireNonNull(aaguid, "aaguid");
            if (Objects.equals(previous, current)) {
                throw new IllegalArgumentException("a status change changes the status");
            }
        }
    }
}
