package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.localstack.tools.DebianTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prometheus' own linter ({@code promtool check metrics}, Debian package {@code prometheus}). */
final class Promtool {

    private Promtool() {}

    /** Fails unless promtool accepts the scrape (Prometheus text format, not OpenMetrics). */
    static void assertAccepts(String metrics) throws IOException, InterruptedException {
        Path file = Files.createTempFile("metrics", ".txt");
        try {
            Files.writeString(file, metrics);
            Process promtool = new ProcessBuilder(DebianTool.PROMTOOL.path(), "check", "metrics")
                    .redirectInput(file.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor())
                    .as("promtool check metrics: " + output)
                    .isZero();
        } finally {
            Files.delete(file);
        }
    }
}
