package io.biometriccore.crosschannel.internal;

import io.biometriccore.crosschannel.CrossChannelProblem;
import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CrossNodeEvents;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams open on this node, by request. A stream holds no thread and no database
 * connection while it waits: a state change is announced on {@link CrossNodeEvents} (topic
 * {@value #CHANGED}, message the request id), and this node's one subscription to it reads the state
 * once per request and sends it to that request's streams. One periodic task for all streams ends
 * those whose request expired and sends the others a comment: the servlet container does not notice
 * an idle connection that the browser dropped, a failed write does. A stream leaves the registry when
 * its emitter completes, times out or fails, or a write to it fails; the caps keep the registry
 * bounded meanwhile.
 */
@Component
class CrossChannelStreams {

    private static final Logger log = LoggerFactory.getLogger(CrossChannelStreams.class);

    static final String CHANGED = "cross.channel.changed";
    /** A browser needs one; a few more allow for reloads and tabs, not for a client that leaks them. */
    static final int MAX_PER_REQUEST = 3;
    /** A stream outlives its request only long enough for the heartbeat to end it first. */
    private static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(5);

    private final CrossChannelSignIns signIns;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final int maxStreams;
    private final Duration heartbeat;
    /** Counts messages, so that a stream opened while one was in flight reads the state again. */
    private final AtomicLong messages = new AtomicLong();
    /** Guarded by {@code this}, like {@link #open}. */
    private final Map<UUID, Watched> byRequest = new HashMap<>();
    private int open;

    CrossChannelStreams(CrossChannelSignIns signIns, CrossNodeEvents crossNode, TaskScheduler scheduler, Clock clock,
            @Value("${biometric.cross-channel.max-streams:2000}") int maxStreams,
            @Value("${biometric.cross-channel.heartbeat:PT10S}") Duration heartbeat) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("biometric.cross-channel.max-streams must be at least 1");
        }
        if (!heartbeat.isPositive()) {
            throw new IllegalArgumentException("biometric.cross-channel.heartbeat must be positive");
        }
        this.signIns = signIns;
        this.scheduler = scheduler;
        this.clock = clock;
        this.maxStreams = maxStreams;
        this.heartbeat = heartbeat;
        crossNode.subscribe(CHANGED, new CrossNodeEvents.Subscriber() {
            @Override
            public void received(String requestId) {
                messages.incrementAndGet();
                parse(requestId).ifPresent(CrossChannelStreams.this::refreshSoon);
            }

            @Override
            public void reset() {
                messages.incrementAndGet();
                watchedRequests().forEach(CrossChannelStreams.this::refreshSoon);
            }
        });
    }

    /**
     * A stream whose first event is the current state. The state is read, and the poll secret checked,
     * before the stream counts against a cap, so a caller without the secret learns nothing from a cap.
     *
     * @throws ApiException as {@link CrossChannelSignIns#state}, or {@code cross_channel_streams_exhausted}
     */
    SseEmitter open(String tenantId, UUID requestId, Optional<String> pollSecret) {
        long before = messages.get();
        CrossChannelSignIns.State first = signIns.state(tenantId, requestId, pollSecret);
        Duration remaining = Duration.between(clock.instant(), first.expiresAt());
        SseEmitter emitter = new SseEmitter(
                Math.max(remaining.toMillis(), 0) + heartbeat.plus(TIMEOUT_MARGIN).toMillis());
        Stream stream = new Stream(emitter);
        if (!stream.send(first)) {
            return emitter;
        }
        register(tenantId, requestId, pollSecret, first.expiresAt(), stream);
        emitter.onCompletion(() -> unregister(requestId, stream));
        emitter.onTimeout(() -> unregister(requestId, stream));
        emitter.onError(e -> unregister(requestId, stream));
        if (messages.get() != before) {
            refreshSoon(requestId);
        }
        return emitter;
    }

    /** How many streams are open on this node. */
    synchronized int openStreams() {
        return open;
    }

    private synchronized void register(String tenantId, UUID requestId, Optional<String> pollSecret,
            Instant expiresAt, Stream stream) {
        Watched watched = byRequest.get(requestId);
        if (open >= maxStreams || watched != null && watched.streams.size() >= MAX_PER_REQUEST) {
            throw new ApiException(CrossChannelProblem.CROSS_CHANNEL_STREAMS_EXHAUSTED);
        }
        if (watched == null) {
            watched = new Watched(tenantId, pollSecret, expiresAt);
            byRequest.put(requestId, watched);
        }
        watched.streams.add(stream);
        open++;
    }

    private synchronized void unregister(UUID requestId, Stream stream) {
        Watched watched = byRequest.get(requestId);
        if (watched == null || !watched.streams.remove(stream)) {
            return;
        }
        open--;
        if (watched.streams.isEmpty()) {
            byRequest.remove(requestId);
        }
    }

    private synchronized List<UUID> watchedRequests() {
        return List.copyOf(byRequest.keySet());
    }

    /** Ends the streams of expired requests and finds the connections that are gone. */
    @Scheduled(fixedDelayString = "${biometric.cross-channel.heartbeat:PT10S}")
    void heartbeat() {
        Instant now = clock.instant();
        List<UUID> expired = new ArrayList<>();
        Map<UUID, List<Stream>> waiting = new HashMap<>();
        synchronized (this) {
            byRequest.forEach((requestId, watched) -> {
                if (now.isBefore(watched.expiresAt)) {
                    waiting.put(requestId, List.copyOf(watched.streams));
                } else {
                    expired.add(requestId);
                }
            });
        }
        expired.forEach(this::refresh);
        waiting.forEach((requestId, streams) -> streams.stream().filter(stream -> !stream.ping())
                .forEach(stream -> unregister(requestId, stream)));
    }

    /**
     * Off the notifier's thread: a slow client must not hold up the messages of other subscribers. A
     * node that is shutting down refuses the task, and its streams end with it.
     */
    private void refreshSoon(UUID requestId) {
        if (!isWatched(requestId)) {
            return;
        }
        try {
            scheduler.schedule(() -> refresh(requestId), scheduler.getClock().instant());
        } catch (TaskRejectedException e) {
            log.debug("Not sending a state change while the node shuts down");
        }
    }

    private synchronized boolean isWatched(UUID requestId) {
        return byRequest.containsKey(requestId);
    }

    /** One read of the state for all of the request's streams on this node. */
    private void refresh(UUID requestId) {
        Watched watched;
        List<Stream> streams;
        synchronized (this) {
            watched = byRequest.get(requestId);
            if (watched == null) {
                return;
            }
            streams = new ArrayList<>(watched.streams);
        }
        CrossChannelSignIns.State state;
        try {
            state = signIns.state(watched.tenantId, requestId, watched.pollSecret);
        } catch (ApiException e) {
            streams.forEach(stream -> stream.emitter.completeWithError(e));
            streams.forEach(stream -> unregister(requestId, stream));
            return;
        }
        for (Stream stream : streams) {
            if (!stream.send(state)) {
                unregister(requestId, stream);
            }
        }
    }

    private static Optional<UUID> parse(String requestId) {
        try {
            return Optional.of(UUID.fromString(requestId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A request with streams on this node. It keeps the poll secret its streams presented, to read the
     * state as they would; a class rather than a record, so that no {@code toString} can print it.
     */
    private static final class Watched {

        final String tenantId;
        final Optional<String> pollSecret;
        final Instant expiresAt;
        final Set<Stream> streams = new LinkedHashSet<>();

        Watched(String tenantId, Optional<String> pollSecret, Instant expiresAt) {
            this.tenantId = tenantId;
            this.pollSecret = pollSecret;
            this.expiresAt = expiresAt;
        }
    }

    /** One open connection and the status it was last sent. */
    private static final class Stream {

        final SseEmitter emitter;
        private @Nullable String sent;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }

        /**
         * Sends the state unless this stream has it already, and ends the stream once the request is no
         * longer pending; answers whether the stream is still waiting. A connection that is gone fails
         * the send, and Spring MVC completes the emitter itself.
         */
        synchronized boolean send(CrossChannelSignIns.State state) {
            if (!state.status().equals(sent)) {
                try {
                    emitter.send(SseEmitter.event().name("state").data(state, MediaType.APPLICATION_JSON));
                } catch (IOException | IllegalStateException e) {
                    return false;
                }
                sent = state.status();
            }
            if (!"pending".equals(state.status())) {
                emitter.complete();
                return false;
            }
            return true;
        }

        /** A comment, which readers ignore; answers whether the connection took it. */
        synchronized boolean ping() {
            try {
                emitter.send(SseEmitter.event().comment("waiting"));
                return true;
            } catch (IOException | IllegalStateException e) {
                return false;
            }
        }
    }
}
