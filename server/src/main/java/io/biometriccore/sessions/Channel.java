package io.biometriccore.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Where a session lives: a browser, or a bank's mobile app. */
public enum Channel {
    @JsonProperty("web") WEB,
    @JsonProperty("mobile") MOBILE;

    /** The value as JSON writes it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A declared channel, or else the one the origin implies (an Android app origin is mobile). */
    public static Channel of(@Nullable String declared, @Nullable String origin) {
        if (declared != null) {
            for (Channel channel : values()) {
                if (channel.wireName().equals(declared)) {
                    return channel;
                }
            }
            throw new IllegalArgumentException("channel must be web or mobile");
        }
        return origin != null && origin.startsWith("android:") ? MOBILE : WEB;
    }
}
