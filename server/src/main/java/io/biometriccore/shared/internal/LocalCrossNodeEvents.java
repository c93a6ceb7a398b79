package io.biometriccore.shared.internal;

import io.biometriccore.shared.CrossNodeEvents;

/** The embedded database's deployment is one node: messages stay in the process. */
final class LocalCrossNodeEvents implements CrossNodeEvents {

    private final Subscriptions subscriptions = new Subscriptions();

    @Override
    public void publish(String topic, String message) {
        Subscriptions.check(topic, message);
        subscriptions.deliverAfterCommit(topic, message);
    }

    @Override
    public void subscribe(String topic, Subscriber subscriber) {
        subscriptions.add(topic, subscriber);
    }
}
