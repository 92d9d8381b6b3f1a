package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json stops a bad install before anything reaches the cluster; Helm enforces it on template/install/upgrade. */
class ValuesSchemaTest {

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("negative replicas", "generatorService.replicas", -1, "replicas"),
                Arguments.of("unknown fraud trigger mode", "spark.fraudTrigger", "sometimes", "fraudTrigger"),
                Arguments.of("latest image tag", "image.tag", "latest", "tag"),
                Arguments.of("unknown top-level key", "kafkaa.version", "4.1.1", "kafkaa"),
                Arguments.of("misspelled nested key", "alertService.replica", 2, "replica"),
                Arguments.of("replication factor zero", "kafka.replicationFactor", 0, "replicationFactor"),
                Arguments.of("unknown checkpoint store", "spark.checkpoints.type", "nfs", "type"),
                Arguments.of("never-restarting streaming job", "spark.restartPolicy.type", "Never", "type"),
                Arguments.of("malformed Kafka version", "kafka.version", "4.1", "version"),
                Arguments.of("cpu that is not a quantity", "alertService.resources.limits.cpu", "lots", "cpu"),
                Arguments.of("scrape interval without a unit", "monitoring.scrapeInterval", "30", "scrapeInterval"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void rejects(String what, String key, Object value, String reported) {
        assertThatThrownBy(() -> StreamSightChart.render(List.of(), Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(reported);
    }

    /** Closed objects everywhere: the shipped values.yaml validating then means every value it holds is declared. */
    @Test
    void everyObjectInTheSchemaIsClosed() throws IOException {
        JsonNode schema = new ObjectMapper()
                .readTree(StreamSightChart.CHART.resolve("values.schema.json").toFile());
        List<String> open = new ArrayList<>();
        collectOpenObjects(schema, "", open);

        assertThat(open).isEmpty();
    }

    private static void collectOpenObjects(JsonNode node, String path, List<String> open) {
        if (node.has("properties") && !node.path("additionalProperties").isBoolean()) {
            open.add(path.isEmpty() ? "/" : path);
        }
        node.fields().forEachRemaining(f -> {
            if (f.getValue().isContainerNode()) {
                collectOpenObjects(f.getValue(), path + "/" + f.getKey(), open);
            }
        });
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectOpenObjects(node.get(i), path + "/" + i, open);
            }
        }
    }

    @Test
    void rejectsAnUnknownPipeline() {
        assertThatThrownBy(() -> StreamSightChart.renderWith("""
                spark:
                  applications:
                    - name: fraud
                      pipelines: [fraudd]
                      driver: {cores: 1, coreLimit: "1", memory: 1g}
                      executor: {instances: 1, cores: 1, coreLimit: "1", memory: 1g}
                """))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/spark/applications/0/pipelines/0");
    }

    @Test
    void rejectsAMicroBatchExecutorWithoutInstances() {
        // only the fraud application's instances follow from the partitions of transactions
        assertThatThrownBy(() -> StreamSightChart.renderWith("""
                spark:
                  applications:
                    - name: analytics
                      pipelines: [analytics]
                      driver: {cores: 1, coreLimit: "1", memory: 1g}
                      executor: {cores: 1, coreLimit: "1", memory: 1g}
                """))
                .hasMessageContaining("spark application 'analytics': executor.instances is required");
    }

    @ParameterizedTest(name = "accepts {0}={1}")
    @MethodSource("goodValues")
    void acceptsValidOverrides(String key, Object value) {
        assertThat(StreamSightChart.render(List.of(), Map.of(key, value))).isNotEmpty();
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(
                Arguments.of("spark.fraudTrigger", "micro-batch"),
                Arguments.of("generatorService.replicas", 0),
                Arguments.of("image.tag", "0.2.0-rc1"),
                Arguments.of("alertService.resources.limits.cpu", "1500m"));
    }
}
