package io.biometriccore.crosschannel.internal;

import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.Place;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The requesting browser's {@link Place}, as stored with its request for the risk engine's cross-channel
 * signal: where the locator put its address when it asked. No IP address is stored.
 */
final class RequesterPlaces {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RequesterPlaces() {
    }

    static String json(Place place) {
        ObjectNode node = JSON.createObjectNode().put("source", place.source().wireName())
                .put("country", place.country()).put("network", place.network());
        if (place.coordinates() != null) {
            node.put("latitude", place.coordinates().latitude()).put("longitude", place.coordinates().longitude());
        }
        return JSON.writeValueAsString(node);
    }

    /** A request of before the column, or none: {@link Place#UNKNOWN}. */
    static Place of(@Nullable String json) {
        if (json == null) {
            return Place.UNKNOWN;
        }
        JsonNode p = JSON.readTree(json);
        Coordinates coordinates = p.has("latitude")
                ? new Coordinates(p.get("latitude").asDouble(), p.get("longitude").asDouble()) : null;
        return new Place(Place.Source.valueOf(p.path("source").asString().toUpperCase(Locale.ROOT)), coordinates,
                p.path("country").isString() ? p.get("country").asString() : null,
                p.path("network").isString() ? p.get("network").asString() : null);
    }
}
