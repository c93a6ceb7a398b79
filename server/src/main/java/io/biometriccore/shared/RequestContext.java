package io.biometriccore.shared;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling and from where, for the audit log: the correlation id, the client's IP and user
 * agent, and the actor once authentication has named one. A servlet filter opens it for each
 * request; outside a request (scheduled jobs) the actor is {@code system}.
 */
public final class RequestContext {

    /** Who acts. */
    public enum ActorType { ANONYMOUS, CUSTOMER, API_KEY, ADMIN, SYSTEM }

    /** A snapshot of the current context. */
    public record Snapshot(String correlationId, @Nullable String clientIp, @Nullable String userAgent,
            ActorType actorType, @Nullable String actorId) {
    }

    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_USER_AGENT = 256;
    private static final ThreadLocal<Snapshot> CURRENT = new ThreadLocal<>();

    private RequestContext() {
    }

    /** Opens the context of a request; a usable {@code X-Correlation-Id} is kept, anything else replaced. */
    public static Snapshot open(@Nullable String correlationId, @Nullable String clientIp, @Nullable String userAgent) {
        String id = correlationId != null && CORRELATION_ID.matcher(correlationId).matches()
                ? correlationId : SecureRandoms.base64Url(12);
        String agent = userAgent != null && userAgent.length() > MAX_USER_AGENT
                ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
        Snapshot snapshot = new Snapshot(id, clientIp, agent, ActorType.ANONYMOUS, null);
        CURRENT.set(snapshot);
        return snapshot;
    }

    public static void close() {
        CURRENT.remove();
    }

    /** The current request's context, or a {@code system} one outside requests. */
    public static Snapshot current() {
        Snapshot snapshot = CURRENT.get();
        return snapshot != null ? snapshot : new Snapshot("system-" + SecureRandoms.base64Url(9), null, null,
                ActorType.SYSTEM, null);
    }

    /** Authentication has established who acts in this request. */
    public static void actor(ActorType type, @Nullable String id) {
        Objects.requireNonNull(type, "type");
        Snapshot snapshot = CURRENT.get();
        if (snapshot != null) {
            CURRENT.set(new Snapshot(snapshot.correlationId(), snapshot.clientIp(), snapshot.userAgent(), type, id));
        }
    }
}
