package io.biometriccore.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biometriccore.shared.CommonProblem;
import org.junit.jupiter.api.Test;

class ProblemErrorReportValveTests {

    @Test
    void keepsTheCodesOfNotFoundWrongMethodTooLargeAndUnsupportedMediaType() {
        assertThat(ProblemErrorReportValve.problemFor(404)).isEqualTo(CommonProblem.NOT_FOUND);
        assertThat(ProblemErrorReportValve.problemFor(405)).isEqualTo(CommonProblem.METHOD_NOT_ALLOWED);
        assertThat(ProblemErrorReportValve.problemFor(413)).isEqualTo(CommonProblem.PAYLOAD_TOO_LARGE);
        assertThat(ProblemErrorReportValve.problemFor(415)).isEqualTo(CommonProblem.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void answersOtherClientErrorsAndUnimplementedProtocolFeaturesAsInvalidRequest() {
        for (int status : new int[] {400, 408, 414, 431, 501, 505}) {
            assertThat(ProblemErrorReportValve.problemFor(status)).as("status %d", status)
                    .isEqualTo(CommonProblem.INVALID_REQUEST);
        }
    }

    @Test
    void leavesServerErrorsServerErrors() {
        assertThat(ProblemErrorReportValve.problemFor(500)).isEqualTo(CommonProblem.INTERNAL_ERROR);
        assertThat(ProblemErrorReportValve.problemFor(503)).isEqualTo(CommonProblem.INTERNAL_ERROR);
    }
}
