package io.biometriccore.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.ceremonies.CeremonyProblem;
import io.biometriccore.shared.ProblemCode;
import io.biometriccore.signing.TransactionProblem;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dry run's evaluator answers only the codes the live steps refuse with. */
class PolicyEvaluationTests {

    @Test
    void answersOnlyTheProblemCodesOfTheLiveSteps() {
        var live = Stream.concat(Arrays.stream(CeremonyProblem.values()), Arrays.stream(TransactionProblem.values()))
                .map(ProblemCode::code).toList();

        assertThat(live).containsAll(PolicyEvaluation.codes());
    }
}
