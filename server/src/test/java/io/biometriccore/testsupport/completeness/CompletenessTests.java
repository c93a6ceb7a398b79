package io.biometriccore.testsupport.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.cors.CorsProblem;
import io.biometriccore.shared.CommonProblem;
import io.biometriccore.testsupport.Asserted.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletenessTests {

    @Test
    void aRecordMissingOneCodeReportsExactlyThatCode() {
        List<String> record = everythingRecorded();
        record.remove("PROBLEM challenge_expired");

        Completeness result = Completeness.of(Declared.all(), record);

        assertThat(result.complete()).isFalse();
        assertThat(result.unasserted()).isEqualTo(Map.of(Kind.PROBLEM, new TreeSet<>(Set.of("challenge_expired"))));
        assertThat(result.report()).isEqualTo("PROBLEM (1): challenge_expired");
    }

    @Test
    void aNewlyDeclaredValueWithoutATestIsReported() {
        Map<Kind, Set<String>> declared = new java.util.EnumMap<>(Declared.all());
        Set<String> events = new TreeSet<>(declared.get(Kind.EVENT));
        events.add("device.teleported");
        declared.put(Kind.EVENT, events);

        Completeness result = Completeness.of(declared, everythingRecorded());

        assertThat(result.unasserted()).containsOnlyKeys(Kind.EVENT);
        assertThat(result.unasserted().get(Kind.EVENT)).containsExactly("device.teleported");
    }

    @Test
    void everyKindIsCheckedOnItsOwn() {
        List<String> record = everythingRecorded();
        record.remove("TOKEN_REJECTION MALFORMED");
        record.remove("ALGORITHM EdDSA");
        record.remove("DPOP_ALGORITHM ES512");
        record.remove("NOTIFICATION transaction.approved");

        Map<Kind, SortedSet<String>> unasserted = Completeness.of(Declared.all(), record).unasserted();

        assertThat(unasserted).isEqualTo(Map.of(
                Kind.TOKEN_REJECTION, new TreeSet<>(Set.of("MALFORMED")),
                Kind.ALGORITHM, new TreeSet<>(Set.of("EdDSA")),
                Kind.DPOP_ALGORITHM, new TreeSet<>(Set.of("ES512")),
                Kind.NOTIFICATION, new TreeSet<>(Set.of("transaction.approved"))));
    }

    @Test
    void aCodeOfAnotherKindDoesNotCount() {
        List<String> record = everythingRecorded();
        record.remove("ALGORITHM ES256");
        record.add("DPOP_ALGORITHM ES256");

        assertThat(Completeness.of(Declared.all(), record).unasserted())
                .isEqualTo(Map.of(Kind.ALGORITHM, new TreeSet<>(Set.of("ES256"))));
    }

    @Test
    void theProblemCodesComeFromEveryProblemCodeEnum() {
        assertThat(Declared.problemCodeEnums()).contains(CommonProblem.class, CeremonyProblem.class, CorsProblem.class)
                .allSatisfy(type -> assertThat(type.isEnum()).as(type.getName()).isTrue());
        assertThat(Declared.problemCodes()).contains(CommonProblem.METHOD_NOT_ALLOWED.code(),
                CeremonyProblem.CHALLENGE_EXPIRED.code());
    }

    @Test
    void theAdvertisedDPoPAlgorithmsAreReadFromTheVerifier() {
        assertThat(Declared.dpopAlgorithms()).contains("ES256", "PS256").doesNotContain("HS256", "none");
    }

    @Test
    void theCheckReadsTheRecordsOfEveryForkAndFailsListingTheGaps(@TempDir Path directory) throws IOException {
        List<String> record = everythingRecorded();
        record.remove("PROBLEM session_not_found");
        int half = record.size() / 2;
        Files.write(directory.resolve("asserted-1.txt"), record.subList(0, half));
        Files.write(directory.resolve("asserted-2.txt"), record.subList(half, record.size()));

        assertThat(CompletenessCheck.recorded(directory)).containsExactlyInAnyOrderElementsOf(record);
        assertThatThrownBy(() -> CompletenessCheck.main(new String[] {directory.toString()}))
                .hasMessageEndingWith("PROBLEM (1): session_not_found");

        Files.writeString(directory.resolve("asserted-3.txt"), "PROBLEM session_not_found\n");
        CompletenessCheck.main(new String[] {directory.toString()});
    }

    @Test
    void anEmptyRecordLeavesEverythingUnasserted(@TempDir Path directory) {
        assertThatThrownBy(() -> CompletenessCheck.main(new String[] {directory.resolve("none").toString()}))
                .hasMessageContaining("PROBLEM (" + Declared.problemCodes().size() + "): ");
    }

    private static List<String> everythingRecorded() {
        List<String> lines = new ArrayList<>();
        Declared.all().forEach((kind, values) -> values.forEach(value -> lines.add(kind + " " + value)));
        return lines;
    }
}
