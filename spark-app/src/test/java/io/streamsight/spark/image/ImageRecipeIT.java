package io.streamsight.spark.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * k8s/images/spark-app.Dockerfile against what {@code package} really left in target/: every COPY
 * source must match, and a COPY to a file name must match exactly one file. The jar the chart runs
 * (local:///opt/spark/jars/spark-app.jar) must be the shaded artifact, with the Kafka connector in it.
 * Runs after {@code package}, where the jars exist. Spark's own jars (target/spark-jars/) are laid out
 * by the spark-distribution profile only when k8s/images/build.sh asks, so they are not looked for.
 */
class ImageRecipeIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path DOCKERFILE =
            MODULE.resolve("../k8s/images/spark-app.Dockerfile").normalize();
    private static final String SPARK_DISTRIBUTION = "target/spark-jars/";
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$");

    @Test
    void everyCopySourceMatchesWhatPackageBuiltAndTheAppJarIsTheShadedOne() throws IOException {
        List<String> copies = Files.readAllLines(DOCKERFILE).stream()
                .filter(line -> line.startsWith("COPY") && !line.contains(" " + SPARK_DISTRIBUTION + " "))
                .toList();
        assertThat(copies).as("COPY lines in " + DOCKERFILE).isNotEmpty();
        for (String line : copies) {
            Matcher copy = COPY.matcher(line);
            assertThat(copy.matches())
                    .as("one source and one destination: " + line)
                    .isTrue();
            List<Path> sources = matching(copy.group(1));
            assertThat(sources)
                    .as(copy.group(1) + " in " + MODULE + " (the build context)")
                    .isNotEmpty();
            if (!copy.group(2).endsWith("/")) {
                assertThat(sources)
                        .as("COPY to the file " + copy.group(2) + " needs exactly one source")
                        .hasSize(1);
            }
            if (copy.group(2).equals("/opt/spark/jars/spark-app.jar")) {
                assertThat(sources.get(0).getFileName().toString()).endsWith("-app.jar");
                try (var jar = new java.util.zip.ZipFile(sources.get(0).toFile())) {
                    assertThat(jar.getEntry("io/streamsight/spark/StreamSightApp.class"))
                            .isNotNull();
                    assertThat(jar.getEntry("org/apache/spark/sql/kafka010/KafkaSourceProvider.class"))
                            .as("the Kafka connector, which the Spark image does not ship")
                            .isNotNull();
                }
            }
        }
    }

    private static List<Path> matching(String glob) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        Path directory = MODULE.resolve(glob).getParent();
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> matcher.matches(MODULE.relativize(file)))
                    .sorted()
                    .toList();
        }
    }
}
