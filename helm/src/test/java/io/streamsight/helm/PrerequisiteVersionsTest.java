package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The operator versions k8s/ installs are the ones the chart declares and the tests validate against. */
class PrerequisiteVersionsTest {

    @Test
    void installScriptChartAnnotationsAndVendoredSchemasAgree() throws IOException {
        Properties versions = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("../k8s/versions.env"))) {
            versions.load(reader);
        }
        JsonNode annotations = new ObjectMapper(new YAMLFactory())
                .readTree(StreamSightChart.CHART.resolve("Chart.yaml").toFile())
                .path("annotations");

        assertThat(annotations.path("streamsight.io/strimzi-version").asText())
                .isEqualTo(versions.getProperty("STRIMZI_VERSION"));
        assertThat(annotations.path("streamsight.io/spark-operator-version").asText())
                .isEqualTo(versions.getProperty("SPARK_OPERATOR_VERSION"));
        assertThat(annotations.path("streamsight.io/kafka-version").asText())
                .isEqualTo(System.getProperty("streamsight.kafka.version"));
        assertThat(Path.of("src/test/resources/crds/strimzi-" + versions.getProperty("STRIMZI_VERSION")))
                .isDirectory();
        assertThat(Files.readString(Path.of("src/test/crd-sources/generate-strimzi-crds.sh")))
                .contains("STRIMZI_VERSION=" + versions.getProperty("STRIMZI_VERSION"));
    }
}
