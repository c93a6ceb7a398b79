package io.biometriccore.risk.internal;

import io.biometriccore.risk.Coordinates;
import io.biometriccore.risk.CustomerHistory;
import io.biometriccore.risk.Place;
import io.biometriccore.risk.RiskAttempt;
import io.biometriccore.shared.Base64Url;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A customer's {@code risk_history} row as stored: what {@link CustomerHistory} holds, with the networks,
 * countries and credentials in order, newest first, so that the oldest are the ones forgotten.
 */
record HistoryRecord(long successes, @Nullable Instant lastAt, @Nullable Place lastPlace, List<String> networks,
        List<String> countries, List<String> credentials, List<Long> hours) {

    static final HistoryRecord NONE = new HistoryRecord(0, null, null, List.of(), List.of(), List.of(),
            Collections.nCopies(24, 0L));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    HistoryRecord {
        networks = List.copyOf(networks);
        countries = List.copyOf(countries);
        credentials = List.copyOf(credentials);
        hours = List.copyOf(Objects.requireNonNull(hours, "hours"));
    }

    CustomerHistory history() {
        return new CustomerHistory(successes, lastAt, lastPlace, new LinkedHashSet<>(networks),
                new LinkedHashSet<>(countries), new LinkedHashSet<>(credentials), hours);
    }

    /** This record after the attempt succeeded. */
    HistoryRecord after(RiskAttempt attempt) {
        Place place = attempt.place();
        List<Long> nextHours = new ArrayList<>(hours);
        int hour = attempt.at().atOffset(ZoneOffset.UTC).getHour();
        nextHours.set(hour, nextHours.get(hour) + 1);
        return new HistoryRecord(successes + 1, attempt.at(), place, newestFirst(networks, place.network()),
                newestFirst(countries, place.country()), newestFirst(credentials, attempt.credential() == null ? null
                        : Base64Url.encode(attempt.credential().credentialId())), nextHours);
    }

    private static List<String> newestFirst(List<String> seen, @Nullable String latest) {
        if (latest == null) {
            return seen;
        }
        List<String> next = new ArrayList<>(List.of(latest));
        seen.stream().filter(s -> !s.equals(latest)).limit(CustomerHistory.MAX_REMEMBERED - 1L).forEach(next::add);
        return next;
    }

    String json() {
        ObjectNode doc = JSON.createObjectNode();
        if (lastPlace != null) {
            ObjectNode place = doc.putObject("lastPlace").put("source", lastPlace.source().wireName())
                    .put("country", lastPlace.country()).put("network", lastPlace.network());
            if (lastPlace.coordinates() != null) {
                place.put("latitude", lastPlace.coordinates().latitude())
                        .put("longitude", lastPlace.coordinates().longitude());
            }
        }
        doc.set("networks", JSON.valueToTree(networks));
        doc.set("countries", JSON.valueToTree(countries));
        doc.set("credentials", JSON.valueToTree(credentials));
        doc.set("hours", JSON.valueToTree(hours));
        return JSON.writeValueAsString(doc);
    }

    static HistoryRecord of(long successes, Instant lastAt, String json) {
        JsonNode doc = JSON.readTree(json);
        List<Long> hours = new ArrayList<>();
        doc.path("hours").forEach(h -> hours.add(h.asLong()));
        return new HistoryRecord(successes, lastAt, place(doc.path("lastPlace")), strings(doc.path("networks")),
                strings(doc.path("countries")), strings(doc.path("credentials")), hours);
    }

    private static @Nullable Place place(JsonNode p) {
        if (!p.isObject()) {
            return null;
        }
        Coordinates coordinates = p.has("latitude")
                ? new Coordinates(p.get("latitude").asDouble(), p.get("longitude").asDouble()) : null;
        return new Place(Place.Source.valueOf(p.path("source").asString().toUpperCase(Locale.ROOT)), coordinates,
                p.path("country").isString() ? p.get("country").asString() : null,
                p.path("network").isString() ? p.get("network").asString() : null);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
