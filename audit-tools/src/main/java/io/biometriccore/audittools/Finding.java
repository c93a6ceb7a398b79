package io.biometriccore.audittools;

import org.jspecify.annotations.Nullable;

/**
 * One thing a verification found wrong.
 *
 * @param eventId   the event concerned, when there is one
 * @param leafIndex the position concerned, when there is one
 */
public record Finding(Kind kind, @Nullable Long eventId, @Nullable Long leafIndex, String detail) {

    public enum Kind {
        /** An event's content no longer matches its sealed leaf. */
        MODIFIED,
        /** A sealed leaf names an event that no longer exists. */
        DELETED,
        /** An event appeared among sealed ones without being sealed, or leaves were added. */
        INSERTED,
        /** An event sits at another position than the one it was sealed at. */
        REORDERED,
        /** A tree head's signature or payload does not check out. */
        TREE_HEAD_INVALID,
        /** A signed tree head's root differs from the root of the leaves. */
        TREE_HEAD_MISMATCH
    }

    @Override
    public String toString() {
        return kind + (eventId == null ? "" : " event " + eventId) + (leafIndex == null ? "" : " at leaf " + leafIndex)
                + ": " + detail;
    }
}
