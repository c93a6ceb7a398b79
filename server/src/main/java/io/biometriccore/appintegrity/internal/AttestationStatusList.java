package io.biometriccore.appintegrity.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Google's attestation certificate status list, from a file the deployment keeps current (a copy of
 * https://android.googleapis.com/attestation/status): {@code {"entries": {"<serial hex>": {"status":
 * "REVOKED" | "SUSPENDED", "reason": ...}}}}. The file is read again when its modification time or size
 * changes; a file that cannot be read keeps the last good list in force. Without a path nothing is revoked.
 */
final class AttestationStatusList {

    private static final Logger log = LoggerFactory.getLogger(AttestationStatusList.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Loaded(@Nullable Object stamp, Set<BigInteger> revoked) {
    }

    private final @Nullable Path file;
    private volatile Loaded loaded;

    /**
     * @throws IllegalArgumentException when {@code file} is given but cannot be read as a status list,
     *                                  so that a misconfigured deployment does not start
     */
    AttestationStatusList(@Nullable Path file) {
        this.file = file;
        this.loaded = file == null ? new Loaded(null, Set.of()) : read(file, stamp(file))
                .orElseThrow(() -> new IllegalArgumentException("Cannot read the attestation status list " + file));
    }

    /** The first certificate of {@code chain} the list revokes or suspends. */
    Optional<X509Certificate> firstRevoked(List<X509Certificate> chain) {
        Set<BigInteger> revoked = current().revoked();
        return chain.stream().filter(certificate -> revoked.contains(certificate.getSerialNumber())).findFirst();
    }

    private Loaded current() {
        Loaded now = loaded;
        if (file == null) {
            return now;
        }
        Object stamp = stamp(file);
        if (stamp == null || stamp.equals(now.stamp())) {
            return now;
        }
        Optional<Loaded> fresh = read(file, stamp);
        if (fresh.isEmpty()) {
            log.warn("The attestation status list {} could not be read; the last good one stays in force", file);
            return now;
        }
        loaded = fresh.get();
        return fresh.get();
    }

    private static @Nullable Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<Loaded> read(Path file, @Nullable Object stamp) {
        try {
            JsonNode entries = JSON.readTree(Files.readAllBytes(file)).required("entries");
            Set<BigInteger> revoked = entries.properties().stream()
                    .filter(entry -> withdrawn(entry.getValue()))
                    .map(entry -> new BigInteger(entry.getKey().toLowerCase(Locale.ROOT), 16))
                    .collect(Collectors.toUnmodifiableSet());
            return Optional.of(new Loaded(stamp, revoked));
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code REVOKED} and {@code SUSPENDED} both withdraw the certificate; Google defines no other status. */
    private static boolean withdrawn(JsonNode entry) {
        String status = entry.path("status").asString("");
        return status.equals("REVOKED") || status.equals("SUSPENDED");
    }
}
