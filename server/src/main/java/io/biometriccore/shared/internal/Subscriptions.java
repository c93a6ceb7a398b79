package io.biometriccore.shared.internal;

import io.biometriccore.shared.CrossNodeEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The subscribers of this node by topic, and the in-process delivery both transports share. */
final class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    private static final Pattern TOPIC = Pattern.compile("[a-z]+(\\.[a-z]+)*");
    private static final int MAX_MESSAGE = 1000;

    private final Map<String, List<CrossNodeEvents.Subscriber>> byTopic = new ConcurrentHashMap<>();

    static void check(String topic, String message) {
        if (!TOPIC.matcher(topic).matches() || message.length() > MAX_MESSAGE || message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a topic is lower-case words joined by dots; a message one line of at most "
                    + MAX_MESSAGE + " characters");
        }
    }

    void add(String topic, CrossNodeEvents.Subscriber subscriber) {
        check(topic, "");
        byTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** Delivers to this node's subscribers once the current transaction commits, or at once outside one. */
    void deliverAfterCommit(String topic, String message) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            deliver(topic, message);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                deliver(topic, message);
            }
        });
    }

    void deliver(String topic, String message) {
        for (CrossNodeEvents.Subscriber subscriber : byTopic.getOrDefault(topic, List.of())) {
            try {
                subscriber.received(message);
            } catch (RuntimeException e) {
                log.error("A subscriber of {} failed on a message", topic, e);
            }
        }
    }

    void resetAll() {
        byTopic.values().forEach(subscribers -> subscribers.forEach(CrossNodeEvents.Subscriber::reset));
    }
}
