package io.biometriccore.testsupport.completeness;

import io.biometriccore.testsupport.Asserted.Kind;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the tests claimed against what they asserted: for each {@link Kind}, the values the production
 * code declares that no recorded assertion names (docs/adr/0032-nothing-untested.md).
 */
public record Completeness(Map<Kind, SortedSet<String>> unasserted) {

    public Completeness {
        unasserted = Map.copyOf(unasserted);
    }

    /**
     * @param declared every value of each kind, as the production enums declare them
     * @param recorded the record's lines, {@code <kind> <value>}
     */
    public static Completeness of(Map<Kind, ? extends Collection<String>> declared, List<String> recorded) {
        Map<Kind, Set<String>> asserted = recorded.stream().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.split(" ", 2))
                .collect(Collectors.groupingBy(parts -> Kind.valueOf(parts[0]),
                        () -> new EnumMap<>(Kind.class), Collectors.mapping(parts -> parts[1], Collectors.toSet())));
        Map<Kind, SortedSet<String>> missing = new EnumMap<>(Kind.class);
        declared.forEach((kind, values) -> {
            SortedSet<String> left = new TreeSet<>(values);
            left.removeAll(asserted.getOrDefault(kind, Set.of()));
            if (!left.isEmpty()) {
                missing.put(kind, left);
            }
        });
        return new Completeness(missing);
    }

    public boolean complete() {
        return unasserted.isEmpty();
    }

    /** One line per kind that has gaps, e.g. {@code PROBLEM: challenge_expired, session_not_found}. */
    public String report() {
        return unasserted.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " (" + e.getValue().size() + "): " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("\n"));
    }
}
