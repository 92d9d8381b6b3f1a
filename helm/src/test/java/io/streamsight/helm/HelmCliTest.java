package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The released {@code helm} CLI (4.1.4, fetched by {@code ./run-tests --tools-only}) beside
 * helm-java's bundled engine: what a user runs must pass strict lint and render exactly what the
 * other chart tests check, for every profile.
 */
class HelmCliTest {

    /** Where ./run-tests puts it; STREAMSIGHT_HELM overrides. */
    static final Path HELM = Path.of(System.getenv()
            .getOrDefault(
                    "STREAMSIGHT_HELM",
                    Path.of(System.getProperty("user.home"), ".cache", "streamsight", "helm-4.1.4", "helm")
                            .toString()));

    @ParameterizedTest
    @EnumSource(Profile.class)
    void strictLintByTheHelmCliReportsNothing(Profile profile) throws Exception {
        List<String> command = new ArrayList<>(List.of("lint", "--strict", StreamSightChart.CHART.toString()));
        command.addAll(valueArguments(profile));
        String output = helm(command);
        assertThat(output)
                .as(output)
                .contains("1 chart(s) linted, 0 chart(s) failed")
                .doesNotContain("[WARNING]", "[ERROR]");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theHelmCliRendersWhatHelmJavaRenders(Profile profile) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "template",
                StreamSightChart.RELEASE,
                StreamSightChart.CHART.toString(),
                "--namespace",
                StreamSightChart.NAMESPACE,
                "--kube-version",
                "1.31.0"));
        command.addAll(valueArguments(profile));
        List<ObjectNode> byCli = withoutGeneratedSecretData(StreamSightChart.parse(helm(command)).stream()
                .filter(o -> !o.path("metadata").path("annotations").has("helm.sh/hook"))
                .toList());
        List<ObjectNode> byHelmJava =
                withoutGeneratedSecretData(StreamSightChart.render(profile.valuesFiles, profile.sets));
        assertThat(byCli)
                .as("objects rendered by helm 4.1.4, hooks aside (helm-java leaves them out)")
                .containsExactlyInAnyOrderElementsOf(byHelmJava);
    }

    private static List<String> valueArguments(Profile profile) {
        List<String> arguments = new ArrayList<>();
        profile.valuesFiles.forEach(f -> arguments.addAll(List.of("--values", f.toString())));
        profile.sets.forEach((key, value) -> arguments.addAll(List.of("--set", key + "=" + value)));
        return arguments;
    }

    /** Generated keys differ on every render; everything else must match. */
    private static List<ObjectNode> withoutGeneratedSecretData(List<ObjectNode> objects) {
        return objects.stream()
                .map(o -> {
                    ObjectNode copy = o.deepCopy();
                    if (copy.path("kind").asText().equals("Secret")) {
                        copy.remove("data");
                    }
                    return copy;
                })
                .toList();
    }

    private static String helm(List<String> arguments) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(HELM))
                .as("the helm CLI at " + HELM + "; ./run-tests --tools-only fetches it")
                .isTrue();
        List<String> command = new ArrayList<>(List.of(HELM.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }
}
