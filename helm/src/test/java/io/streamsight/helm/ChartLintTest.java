package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void strictLintReportsNothing() {
        LintResult result = new Helm(StreamSightChart.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages())
                .as("strict lint messages")
                .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }
}
