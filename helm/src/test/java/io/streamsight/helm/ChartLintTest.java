package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.streamsight.helm.StreamSightChart.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChartLintTest {

    @Test
    void strictLintOfTheChartAsShippedReportsNothing() {
        assertClean(new Helm(StreamSightChart.CHART).lint().strict().call());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void strictLintWithEachProfilesValuesReportsNothing(Profile profile) {
        assertClean(StreamSightChart.lint(profile));
    }

    private static void assertClean(LintResult result) {
        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages())
                .as("strict lint messages")
                .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }
}
