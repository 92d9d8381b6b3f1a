package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** One SparkApplication per pipeline group, run as a streaming job should be. */
class SparkApplicationsTest {

    @Test
    void onePerPipelineGroupWithTheGroupsPipelinesAndResources() {
        Map<String, ObjectNode> apps = byGroup(StreamSightChart.render(Profile.DEFAULTS));

        assertThat(apps).containsOnlyKeys("fraud", "analytics", "iot-logs");
        // The names spark-app's StreamSightApp knows; an unknown one stops the driver at start.
        assertThat(arguments(apps.get("fraud"))).containsExactly("--pipelines", "fraud");
        assertThat(arguments(apps.get("analytics"))).containsExactly("--pipelines", "patterns,analytics,etl,enrichment");
        assertThat(arguments(apps.get("iot-logs"))).containsExactly("--pipelines", "iot,weblogs,recommendations");
        JsonNode fraud = apps.get("fraud").path("spec");
        assertThat(fraud.path("mainClass").asText()).isEqualTo("io.streamsight.spark.StreamSightApp");
        assertThat(fraud.path("type").asText()).isEqualTo("Java");
        assertThat(fraud.path("sparkVersion").asText()).isEqualTo("4.2.0");
        // one 1-core executor per partition of transactions: the slots real-time mode holds
        assertThat(fraud.path("executor").path("instances").asInt()).isEqualTo(3);
        assertThat(fraud.path("executor").path("cores").asInt()).isEqualTo(1);
        assertThat(fraud.path("executor").path("memory").asText()).isEqualTo("1g");
        assertThat(fraud.path("driver").path("serviceAccount").asText()).isEqualTo("demo-streamsight-spark");
    }

    @Test
    void resourcesComeFromValues() {
        var apps = byGroup(StreamSightChart.renderWith("""
                spark:
                  applications:
                    - name: fraud
                      pipelines: [fraud]
                      driver: {cores: 2, coreLimit: "2", memory: 3g}
                      executor: {instances: 5, cores: 1, coreLimit: "1500m", memory: 4g}
                """));

        assertThat(apps.get("fraud").path("spec").path("driver").path("memory").asText()).isEqualTo("3g");
        assertThat(apps).containsOnlyKeys("fraud");
        assertThat(apps.get("fraud").path("spec").path("driver").path("cores").asInt()).isEqualTo(2);
        assertThat(apps.get("fraud").path("spec").path("executor").path("instances").asInt()).isEqualTo(5);
        assertThat(apps.get("fraud").path("spec").path("executor").path("coreLimit").asText()).isEqualTo("1500m");
        assertThat(apps.get("fraud").path("spec").path("executor").path("memory").asText()).isEqualTo("4g");
    }

    @Test
    void theRealTimeFraudApplicationIsSizedFromThePartitionsOfTransactions() {
        var twoCores = byGroup(StreamSightChart.renderWith("""
                spark:
                  applications:
                    - name: fraud
                      pipelines: [fraud]
                      driver: {cores: 1, coreLimit: "1", memory: 1g}
                      executor: {cores: 2, coreLimit: "2", memory: 2g}
                """));
        assertThat(twoCores.get("fraud").path("spec").path("executor").path("instances").asInt())
                .as("ceil(3 partitions / 2 cores)").isEqualTo(2);
        assertThat(byGroup(StreamSightChart.render(Profile.DEV)).get("fraud").path("spec").path("executor").path("instances")
                .asInt()).as("the dev profile's one 3-core executor").isEqualTo(1);
    }

    @Test
    void valuesThatGiveRealTimeModeFewerSlotsThanPartitionsAreRefused() {
        assertThatThrownBy(() -> StreamSightChart.renderWith("""
                spark:
                  applications:
                    - name: fraud
                      pipelines: [fraud]
                      driver: {cores: 1, coreLimit: "1", memory: 1g}
                      executor: {instances: 1, cores: 2, coreLimit: "2", memory: 2g}
                """)).hasMessageContaining("spark application 'fraud' runs the real-time fraud query on 2 task slots")
                .hasMessageContaining("transactions has 3 partitions")
                .hasMessageContaining("one slot per partition for the whole of each batch");
        assertThatThrownBy(() -> StreamSightChart.renderWith("""
                spark:
                  sparkConf: {spark.task.cpus: "2"}
                  applications:
                    - name: fraud
                      pipelines: [fraud]
                      driver: {cores: 1, coreLimit: "1", memory: 1g}
                      executor: {instances: 1, cores: 2, coreLimit: "2", memory: 2g}
                """)).as("two cores per task halve the slots").hasMessageContaining("on 1 task slots");
    }

    @Test
    void theRealTimeFraudQueryIsRefusedBesideMicroBatchPipelines() {
        assertThatThrownBy(() -> StreamSightChart.renderWith("""
                spark:
                  applications:
                    - name: fraud
                      pipelines: [fraud, patterns]
                      driver: {cores: 1, coreLimit: "1", memory: 1g}
                      executor: {instances: 4, cores: 1, coreLimit: "1", memory: 2g}
                """)).hasMessageContaining("runs the real-time fraud query beside micro-batch pipelines [patterns]")
                .hasMessageContaining("give fraud an application of its own");
        // in micro-batch mode fraud is one micro-batch query among others
        var microBatch = byGroup(StreamSightChart.renderWith("""
                spark:
                  fraudTrigger: micro-batch
                  applications:
                    - name: all
                      pipelines: [fraud, patterns]
                      driver: {cores: 1, coreLimit: "1", memory: 1g}
                      executor: {instances: 1, cores: 1, coreLimit: "1", memory: 2g}
                """));
        assertThat(arguments(microBatch.get("all"))).containsExactly("--pipelines", "fraud,patterns");
    }

    @Test
    void restartsAfterAnyTerminationWithBackoff() {
        assertThat(byGroup(StreamSightChart.render(Profile.DEFAULTS)).values()).allSatisfy(app -> {
            JsonNode policy = app.path("spec").path("restartPolicy");
            assertThat(policy.path("type").asText()).isEqualTo("Always");
            assertThat(policy.path("onFailureRetryInterval").asInt()).isPositive();
            assertThat(policy.path("onSubmissionFailureRetryInterval").asInt()).isPositive();
        });
    }

    @Test
    void checkpointsOnTheClaimByDefault() {
        var objects = StreamSightChart.render(Profile.DEFAULTS);
        ObjectNode claim = StreamSightChart.ofKind(objects, "PersistentVolumeClaim").findFirst().orElseThrow();

        assertThat(claim.path("spec").path("accessModes").toString()).isEqualTo("[\"ReadWriteMany\"]");
        assertThat(byGroup(objects).values()).allSatisfy(app -> {
            JsonNode spec = app.path("spec");
            String group = app.path("metadata").path("labels").path("streamsight.io/pipeline-group").asText();
            assertThat(spec.path("sparkConf").path("spark.streamsight.checkpointBase").asText()).isEqualTo("file:///checkpoints/" + group);
            assertThat(spec.path("volumes").toString()).contains("\"claimName\":\"" + claim.path("metadata").path("name").asText() + "\"");
            for (String role : List.of("driver", "executor")) {
                assertThat(spec.path(role).path("volumeMounts").toString()).contains("\"mountPath\":\"/checkpoints\"");
            }
        });
    }

    @Test
    void checkpointsInTheObjectStoreInProduction() {
        var objects = StreamSightChart.render(Profile.PRODUCTION);

        assertThat(StreamSightChart.ofKind(objects, "PersistentVolumeClaim")).isEmpty();
        assertThat(byGroup(objects).values()).allSatisfy(app -> {
            JsonNode spec = app.path("spec");
            assertThat(spec.path("sparkConf").path("spark.streamsight.checkpointBase").asText()).startsWith("s3a://streamsight-checkpoints/prod/");
            assertThat(spec.path("hadoopConf").path("fs.s3a.endpoint").asText()).startsWith("https://");
            assertThat(spec.path("driver").path("envFrom").toString()).contains("streamsight-checkpoint-store");
        });
    }

    @Test
    void exposesDriverMetricsInPrometheusFormat() {
        assertThat(byGroup(StreamSightChart.render(Profile.DEFAULTS)).values()).allSatisfy(app -> {
            JsonNode conf = app.path("spec").path("sparkConf");
            assertThat(conf.path("spark.ui.prometheus.enabled").asText()).isEqualTo("true");
            assertThat(conf.path("spark.metrics.conf.*.sink.prometheusServlet.class").asText())
                    .isEqualTo("org.apache.spark.metrics.sink.PrometheusServlet");
            assertThat(conf.path("spark.metrics.conf.*.sink.prometheusServlet.path").asText()).isEqualTo("/metrics/prometheus");
            assertThat(app.path("spec").path("driver").path("ports").toString()).contains("\"containerPort\":4040");
        });
    }

    @Test
    void theDriverMayManageOnlyItsOwnPodsServicesConfigMapsAndClaims() {
        var objects = StreamSightChart.render(Profile.DEFAULTS);
        ObjectNode role = StreamSightChart.ofKind(objects, "Role").findFirst().orElseThrow();
        ObjectNode binding = StreamSightChart.ofKind(objects, "RoleBinding").findFirst().orElseThrow();

        assertThat(role.path("rules")).hasSize(1);
        assertThat(role.path("rules").get(0).path("apiGroups").toString()).isEqualTo("[\"\"]");
        assertThat(role.path("rules").get(0).path("resources").toString())
                .isEqualTo("[\"pods\",\"services\",\"configmaps\",\"persistentvolumeclaims\"]");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("demo-streamsight-spark");
        assertThat(StreamSightChart.ofKind(objects, "ClusterRole")).isEmpty();
    }

    private static Map<String, ObjectNode> byGroup(List<ObjectNode> objects) {
        return StreamSightChart.ofKind(objects, "SparkApplication").collect(Collectors.toMap(
                a -> a.path("metadata").path("labels").path("streamsight.io/pipeline-group").asText(), a -> a));
    }

    private static List<String> arguments(ObjectNode app) {
        return StreamSupport.stream(app.path("spec").path("arguments").spliterator(), false).map(JsonNode::asText).toList();
    }
}
