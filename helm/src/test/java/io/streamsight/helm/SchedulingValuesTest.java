package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's placement knobs per component (nodeSelector, tolerations, affinity, annotations, env) reach the pods. */
class SchedulingValuesTest {

    private static final String PLACED = """
            alertService:
              nodeSelector: {pool: streaming}
              tolerations: [{key: dedicated, operator: Equal, value: streaming, effect: NoSchedule}]
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [a, b]}]}]
              podAnnotations: {team: fraud-ops}
            spark:
              applications:
                - name: fraud
                  pipelines: [fraud]
                  shufflePartitions: 3
                  driver: {cores: 1, coreLimit: "1", memory: 1g, nodeSelector: {pool: spark}}
                  executor:
                    cores: 1
                    coreLimit: "1"
                    memory: 1g
                    nodeSelector: {pool: spark}
                    tolerations: [{key: spot, operator: Exists, effect: NoSchedule}]
                    annotations: {cluster-autoscaler.kubernetes.io/safe-to-evict: "false"}
                    env: {JAVA_TOOL_OPTIONS: "-XX:+UseG1GC"}
            """;

    @Test
    void aServicesPlacementValuesReachItsPods() {
        JsonNode pod = deployment(StreamSightChart.renderWith(PLACED), "alert-service")
                .path("spec")
                .path("template");
        assertThat(pod.path("spec").path("nodeSelector").path("pool").asText()).isEqualTo("streaming");
        assertThat(pod.path("spec").path("tolerations").get(0).path("key").asText())
                .isEqualTo("dedicated");
        assertThat(pod.path("spec").path("affinity").path("nodeAffinity").isObject())
                .isTrue();
        assertThat(pod.path("spec").path("affinity").has("podAntiAffinity"))
                .as("the given affinity replaces the default")
                .isFalse();
        assertThat(pod.path("metadata").path("annotations").path("team").asText())
                .isEqualTo("fraud-ops");
        assertThat(pod.path("metadata").path("annotations").has("checksum/config"))
                .isTrue();
    }

    @Test
    void byDefaultAServicesReplicasPreferDifferentNodes() {
        JsonNode affinity = deployment(StreamSightChart.render(Profile.DEFAULTS), "alert-service")
                .path("spec")
                .path("template")
                .path("spec")
                .path("affinity");
        JsonNode term = affinity.path("podAntiAffinity")
                .path("preferredDuringSchedulingIgnoredDuringExecution")
                .get(0)
                .path("podAffinityTerm");
        assertThat(term.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(term.path("labelSelector")
                        .path("matchLabels")
                        .path("app.kubernetes.io/component")
                        .asText())
                .isEqualTo("alert-service");
    }

    @Test
    void aSparkPodsPlacementValuesAndEnvReachTheSparkApplication() {
        JsonNode spec = StreamSightChart.ofKind(StreamSightChart.renderWith(PLACED), "SparkApplication")
                .findFirst()
                .orElseThrow()
                .path("spec");
        assertThat(spec.path("driver").path("nodeSelector").path("pool").asText())
                .isEqualTo("spark");
        JsonNode executor = spec.path("executor");
        assertThat(executor.path("tolerations").get(0).path("key").asText()).isEqualTo("spot");
        assertThat(executor.path("annotations")
                        .path("cluster-autoscaler.kubernetes.io/safe-to-evict")
                        .asText())
                .isEqualTo("false");
        assertThat(executor.path("env").findValuesAsText("name"))
                .contains("KAFKA_SASL_JAAS_CONFIG", "JAVA_TOOL_OPTIONS");
    }

    @Test
    void theSchemaRefusesMalformedPlacement() {
        assertThatThrownBy(() ->
                        StreamSightChart.render(List.of(), Map.of("alertService.tolerations[0].operator", "Maybe")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("operator");
        assertThatThrownBy(() -> StreamSightChart.renderWith("generatorService:\n  affinity: {nodeAfinity: {}}\n"))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("nodeAfinity");
    }

    private static JsonNode deployment(List<ObjectNode> objects, String component) {
        return StreamSightChart.ofKind(objects, "Deployment")
                .filter(d -> d.path("metadata")
                        .path("labels")
                        .path("app.kubernetes.io/component")
                        .asText()
                        .equals(component))
                .findFirst()
                .orElseThrow();
    }
}
