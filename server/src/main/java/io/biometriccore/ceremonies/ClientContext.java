package io.biometriccore.ceremonies;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** What the HTTP layer knows about the caller, for device naming and risk; never trusted for policy. */
public record ClientContext(@Nullable String userAgent, @Nullable String clientIp) {

    private static final int MAX_USER_AGENT = 256;

    public static ClientContext of(HttpServletRequest request) {
        return new ClientContext(request.getHeader("User-Agent"), request.getRemoteAddr());
    }

    public ClientContext {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }
}
