package io.biometriccore.activity.internal;

import io.biometriccore.shared.ApiException;
import io.biometriccore.shared.CommonProblem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Query parameters parsed by the handlers themselves, after authentication, so that a bad value is a
 * 400 {@code invalid_request} naming the parameter and never comes before a 401 or 403.
 */
final class QueryParams {

    private QueryParams() {
    }

    static @Nullable Integer limit(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw invalid("limit must be a number from 1 to 100");
        }
    }

    static @Nullable UUID uuid(@Nullable String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name + " must be a UUID");
        }
    }

    /** An RFC 3339 date-time, e.g. {@code 2025-01-31T12:00:00Z}. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();

    static @Nullable Instant instant(@Nullable String value, String name) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be a date-time such as 2025-01-31T12:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw invalid(name + " must lie between the years 1970 and 9999");
        }
        return instant;
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonProblem.INVALID_REQUEST, detail);
    }
}
