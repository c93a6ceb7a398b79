package io.biometriccore.shared;

/**
 * Tells every node of the deployment, this one included, that something changed: the one notifier
 * that caches and cross-channel event streams use. A message published inside a transaction is
 * delivered only once that transaction has committed, and never when it rolls back. On PostgreSQL
 * it travels by {@code NOTIFY}/{@code LISTEN}, so it needs nothing besides the system of record; on
 * the embedded database (one node) it stays in the process.
 *
 * <p>Delivery is at most once and can be lost while a node's listening connection is down. A
 * subscriber is therefore also told {@link Subscriber#reset()} whenever that connection is lost or
 * (re)established, and must then forget everything it derived from earlier messages.
 */
public interface CrossNodeEvents {

    /** Someone who keeps state that messages of a topic change. */
    interface Subscriber {

        /** A message of the topic, published on this node or another. */
        void received(String message);

        /** Messages may have been missed. */
        void reset();
    }

    /**
     * @param topic   lower-case letters and dots, e.g. {@code tenant.changed}
     * @param message at most 1,000 characters
     */
    void publish(String topic, String message);

    void subscribe(String topic, Subscriber subscriber);
}
