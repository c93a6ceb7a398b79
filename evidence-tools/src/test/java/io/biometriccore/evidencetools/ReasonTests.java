package io.biometriccore.evidencetools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The reason ids are a contract: each is unique, snake_case, and specified in docs/transactions.md. */
class ReasonTests {

    @Test
    void everyReasonIdIsUniqueAndSnakeCase() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::id)).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+(_[a-z0-9]+)*"));
    }

    @Test
    void everyReasonIdIsInTheFormatSpecification() throws IOException {
        String specification = Files.readString(Path.of("..", "docs", "transactions.md"));

        assertThat(Reason.values()).allSatisfy(reason -> assertThat(specification).contains("`" + reason.id() + "`"));
    }
}
