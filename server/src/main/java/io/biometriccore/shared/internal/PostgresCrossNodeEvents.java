package io.biometriccore.shared.internal;

import io.biometriccore.shared.CrossNodeEvents;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Messages as PostgreSQL notifications on one channel. {@code pg_notify} runs in the publisher's
 * transaction, so PostgreSQL sends it on commit only. Each node listens on a connection of its own,
 * outside the pool, from a virtual thread; when that connection fails it reconnects after a pause, and
 * subscribers are reset both when it is lost and when it is back.
 */
final class PostgresCrossNodeEvents implements CrossNodeEvents, SmartLifecycle {

    static final String CHANNEL = "biometric_events";
    /** How the listening connection shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "biometric-cross-node-events";
    private static final Logger log = LoggerFactory.getLogger(PostgresCrossNodeEvents.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private final Subscriptions subscriptions = new Subscriptions();
    private final JdbcClient jdbc;
    private final JdbcConnectionDetails database;
    private volatile boolean running;
    private @Nullable Thread listener;

    PostgresCrossNodeEvents(JdbcClient jdbc, JdbcConnectionDetails database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    @Override
    public void publish(String topic, String message) {
        Subscriptions.check(topic, message);
        jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", CHANNEL)
                .param("payload", topic + "\n" + message).query((rs, row) -> Boolean.TRUE).list();
        // This node hears its own notification too, but a read right after the commit must not wait for it.
        subscriptions.deliverAfterCommit(topic, message);
    }

    @Override
    public void subscribe(String topic, Subscriber subscriber) {
        subscriptions.add(topic, subscriber);
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofVirtual().name("cross-node-events").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(database.getJdbcUrl(), credentials())) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                subscriptions.resetAll();
                receive(connection.unwrap(PGConnection.class));
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening for cross-node events failed ({}); caches are reset and it reconnects",
                            e.getMessage());
                }
            }
            subscriptions.resetAll();
            pause();
        }
    }

    private Properties credentials() {
        Properties properties = new Properties();
        if (database.getUsername() != null) {
            properties.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return properties;
    }

    private void receive(PGConnection connection) throws SQLException {
        while (running) {
            PGNotification[] notifications = connection.getNotifications((int) POLL.toMillis());
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                String payload = notification.getParameter();
                int newline = payload.indexOf('\n');
                if (newline > 0) {
                    subscriptions.deliver(payload.substring(0, newline), payload.substring(newline + 1));
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
