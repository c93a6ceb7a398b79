package io.biometriccore.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecurityEventTypeTests {

    private static final Path AUDIT_DOC = Path.of("..", "docs", "audit.md");

    @Test
    void everyTypeHasItsOwnWireName() {
        List<String> wireNames = Arrays.stream(SecurityEventType.values()).map(SecurityEventType::wireName).toList();

        assertThat(wireNames).doesNotHaveDuplicates();
    }

    @Test
    void everyWireNameIsAClassAndWhatItIs() {
        assertThat(SecurityEventType.values()).allSatisfy(type -> {
            assertThat(type.wireName()).matches("[a-z_]+\\.[a-z_]+");
            assertThat(type.wireName()).startsWith(type.eventClass() + ".");
        });
    }

    @Test
    void everyTypeIsFoundAgainByItsWireName() {
        assertThat(SecurityEventType.values())
                .allSatisfy(type -> assertThat(SecurityEventType.fromWire(type.wireName())).contains(type));
    }

    @Test
    void aTypeThisVersionDoesNotKnowIsNone() {
        assertThat(SecurityEventType.fromWire("device.teleported")).isEmpty();
        assertThat(SecurityEventType.fromWire("DEVICE_REVOKED")).isEmpty();
    }

    @Test
    void theAuditDocumentListsEveryTypeUnderItsClassAndNoOther() throws IOException {
        assertThat(documentedTypesByClass()).isEqualTo(Arrays.stream(SecurityEventType.values()).collect(
                Collectors.groupingBy(SecurityEventType::eventClass, TreeMap::new,
                        Collectors.mapping(SecurityEventType::wireName, Collectors.toCollection(TreeSet::new)))));
    }

    /** The table of the section "What is recorded": a class in the first column, its types in backquotes in the second. */
    private static Map<String, TreeSet<String>> documentedTypesByClass() throws IOException {
        Pattern row = Pattern.compile("\\| ([a-z_]+) \\| (.*) \\|");
        Pattern type = Pattern.compile("`([a-z_]+\\.[a-z_]+)`");
        List<String> lines = Files.readAllLines(AUDIT_DOC);
        int section = lines.indexOf("## What is recorded");
        assertThat(section).as("the section of " + AUDIT_DOC).isNotNegative();
        Map<String, TreeSet<String>> documented = new TreeMap<>();
        lines.stream().skip(section + 1).takeWhile(line -> !line.startsWith("## ")).map(row::matcher)
                .filter(Matcher::matches).forEach(cells -> {
                    Matcher types = type.matcher(cells.group(2));
                    while (types.find()) {
                        documented.computeIfAbsent(cells.group(1), c -> new TreeSet<>()).add(types.group(1));
                    }
                });
        return documented;
    }
}
