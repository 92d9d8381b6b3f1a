package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** monitoring.enabled: a monitor for every component and the Grafana dashboards, nothing of it when off. */
class MonitoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MONITORING_KINDS = Set.of("ServiceMonitor", "PodMonitor");

    @Test
    void offByDefault() {
        var objects = StreamSightChart.render(Profile.DEFAULTS);

        assertThat(objects)
                .noneMatch(o -> MONITORING_KINDS.contains(o.path("kind").asText()));
        assertThat(dashboards(objects)).isEmpty();
    }

    @Test
    void everyComponentIsScraped() {
        var objects = StreamSightChart.render(Profile.EVERYTHING_ON);
        Map<String, List<ObjectNode>> monitorsByComponent = objects.stream()
                .filter(o -> MONITORING_KINDS.contains(o.path("kind").asText()))
                .collect(Collectors.groupingBy(o -> o.path("metadata")
                        .path("labels")
                        .path("app.kubernetes.io/component")
                        .asText()));

        assertThat(monitorsByComponent)
                .containsOnlyKeys("generator-service", "alert-service", "spark-app", "kafka", "kafka-ui");
        ObjectNode spark = monitorsByComponent.get("spark-app").get(0);
        assertThat(spark.path("spec")
                        .path("selector")
                        .path("matchLabels")
                        .path("spark-role")
                        .asText())
                .isEqualTo("driver");
        assertThat(spark.path("spec").path("podMetricsEndpoints").toString())
                .contains("/metrics/prometheus", "\"port\":\"spark-ui\"");
        assertThat(monitorsByComponent.get("kafka"))
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.path("spec")
                                .path("podMetricsEndpoints")
                                .get(0)
                                .path("port")
                                .asText())
                        .isEqualTo("tcp-prometheus"))
                .extracting(m -> m.path("spec")
                        .path("selector")
                        .path("matchLabels")
                        .path("strimzi.io/name")
                        .asText())
                .containsExactlyInAnyOrder("demo-streamsight-kafka-kafka", "demo-streamsight-kafka-kafka-exporter");
    }

    @Test
    void monitorsCarryTheLabelsThePrometheusSelectorNeeds() {
        var objects = StreamSightChart.render(Profile.PRODUCTION);

        assertThat(objects.stream()
                        .filter(o -> MONITORING_KINDS.contains(o.path("kind").asText())))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.path("metadata")
                                .path("labels")
                                .path("release")
                                .asText())
                        .isEqualTo("kube-prometheus-stack"));
    }

    @Test
    void dashboardsAreLabelledForTheGrafanaSidecarAndQueryTheRightMetrics() throws IOException {
        Map<String, JsonNode> dashboards = new HashMap<>();
        for (ObjectNode configMap : dashboards(StreamSightChart.render(Profile.EVERYTHING_ON))) {
            assertThat(configMap
                            .path("metadata")
                            .path("labels")
                            .path("grafana_dashboard")
                            .asText())
                    .isEqualTo("1");
            var data = configMap.path("data").fields().next();
            dashboards.put(data.getKey(), JSON.readTree(data.getValue().asText()));
        }

        assertThat(dashboards)
                .containsOnlyKeys(
                        "pipelines.json", "alerts.json", "consumer-lag.json", "kafka.json", "detection-quality.json");
        assertThat(dashboards.values()).allSatisfy(d -> {
            assertThat(d.path("uid").asText()).startsWith("streamsight-");
            assertThat(exprs(d)).isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
        });
        assertThat(String.join("\n", exprs(dashboards.get("consumer-lag.json"))))
                .contains(
                        "kafka_consumergroup_group_lag",
                        "kafka_consumergroup_group_max_lag",
                        "kafka_consumergroup_group_max_lag_seconds",
                        "kafka_consumergroup_group_sum_lag",
                        "streamsight_lag_group_status");
        assertThat(String.join("\n", exprs(dashboards.get("pipelines.json"))))
                .contains("inputRate", "processingRate", "latency");
        // The names alert-service's AlertMetrics registers, as Prometheus renders them.
        assertThat(String.join("\n", exprs(dashboards.get("alerts.json"))))
                .contains(
                        "streamsight_alerts_received_total",
                        "streamsight_alerts_delivered_total",
                        "streamsight_alert_delivery_latency_seconds_bucket",
                        "streamsight_sse_clients");
        assertThat(String.join("\n", exprs(dashboards.get("kafka.json"))))
                .contains(
                        "kafka_server_brokertopicmetrics_messagesin_total",
                        "kafka_server_replicamanager_underreplicatedpartitions");
        // The names alert-service's QualityMetrics registers (DetectionQualityTest reads them from /q/metrics).
        assertThat(String.join("\n", exprs(dashboards.get("detection-quality.json"))))
                .contains(
                        "streamsight_detection_pattern_recall_ratio", "streamsight_detection_precision_ratio",
                        "streamsight_detection_recall_ratio", "streamsight_detection_overall_recall_ratio");
    }

    private static List<ObjectNode> dashboards(List<ObjectNode> objects) {
        return StreamSightChart.ofKind(objects, "ConfigMap")
                .filter(c -> c.path("metadata").path("name").asText().contains("-dashboard-"))
                .toList();
    }

    private static List<String> exprs(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(p ->
                        p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        return exprs;
    }
}
