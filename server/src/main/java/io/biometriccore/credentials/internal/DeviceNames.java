package io.biometriccore.credentials.internal;

import io.biometriccore.credentials.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names a new device: the authenticator's product name when its AAGUID is a well-known one
 * (a short built-in list until FIDO MDS3 is wired in), else "Browser on Platform" from the user agent.
 */
@Component
public class DeviceNames {

    private static final int MAX_NAME = 128;

    private final Map<UUID, String> aaguidNames;

    DeviceNames() {
        try (InputStream in = DeviceNames.class.getResourceAsStream("/io/biometriccore/credentials/aaguid-names.json")) {
            Map<String, String> raw = JsonMapper.builder().build().readValue(in, new TypeReference<Map<String, String>>() { });
            this.aaguidNames = raw.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(e -> UUID.fromString(e.getKey()), Map.Entry::getValue));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The product name of a well-known authenticator. */
    public Optional<String> authenticatorName(UUID aaguid) {
        return Optional.ofNullable(aaguidNames.get(aaguid));
    }

    public String name(UUID aaguid, @Nullable String userAgent) {
        Optional<String> known = authenticatorName(aaguid);
        String name = known.orElseGet(() -> browser(userAgent) + " on " + displayName(platform(userAgent)));
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    public Platform platform(@Nullable String userAgent) {
        if (userAgent == null) {
            return Platform.UNKNOWN;
        }
        if (userAgent.contains("Android")) {
            return Platform.ANDROID;
        }
        if (userAgent.contains("iPhone") || userAgent.contains("iPad")) {
            return Platform.IOS;
        }
        if (userAgent.contains("Mac OS X")) {
            return Platform.MACOS;
        }
        if (userAgent.contains("Windows")) {
            return Platform.WINDOWS;
        }
        if (userAgent.contains("CrOS")) {
            return Platform.CHROMEOS;
        }
        return userAgent.contains("Linux") ? Platform.LINUX : Platform.UNKNOWN;
    }

    private static String browser(@Nullable String userAgent) {
        if (userAgent == null) {
            return "Passkey";
        }
        if (userAgent.contains("Edg/")) {
            return "Edge";
        }
        if (userAgent.contains("Firefox/")) {
            return "Firefox";
        }
        if (userAgent.contains("Chrome/")) {
            return "Chrome";
        }
        return userAgent.contains("Safari/") ? "Safari" : "Passkey";
    }

    private static String displayName(Platform platform) {
        return switch (platform) {
            case IOS -> "iOS";
            case MACOS -> "macOS";
            case CHROMEOS -> "ChromeOS";
            case UNKNOWN -> "an unknown device";
            default -> platform.name().charAt(0) + platform.name().substring(1).toLowerCase(Locale.ROOT);
        };
    }
}
