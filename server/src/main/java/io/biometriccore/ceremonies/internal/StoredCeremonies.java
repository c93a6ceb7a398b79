package io.biometriccore.ceremonies.internal;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pending ceremony as the shared stores keep it, JSON. A stored ceremony that this version cannot
 * read back (one saved by an older version during a rolling upgrade, without a member that is now
 * required) is refused like a spent one, so its result is told {@code challenge_mismatch}, never a 5xx.
 */
final class StoredCeremonies {

    private static final Logger log = LoggerFactory.getLogger(StoredCeremonies.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredCeremonies() {
    }

    static String write(PendingCeremony ceremony) {
        return JSON.writeValueAsString(ceremony);
    }

    static Optional<PendingCeremony> read(String payload) {
        try {
            return Optional.of(JSON.readValue(payload, PendingCeremony.class));
        } catch (JacksonException e) {
            log.warn("A stored ceremony could not be read back ({}); it is refused as spent", e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
