package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.spark.deploy.k8s.Constants;
import org.junit.jupiter.api.Test;

/** One SparkApplication per pipeline group, run as a streaming job should be. */
class SparkApplicationsTest {

    @Test
    void onePerPipelineGroupWithTheGroupsPipelinesAndResources() {
        Map<String, ObjectNode> apps = byGroup(StreamSightChart.render(Profile.DEFAULTS));

        assertThat(apps).containsOnlyKeys("fraud", "analytics", "iot-logs");
        // The names spark-app's StreamSightApp knows; an unknown one stops the driver at start.
        assertThat(arguments(apps.get("fraud"))).containsExactly("--pipelines", "fraud");
        assertThat(arguments(apps.get("analytics")))
                .containsExactly("--pipelines", "patterns,analytics,etl,enrichment");
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

        assertThat(apps.get("fraud").path("spec").path("driver").path("memory").asText())
                .isEqualTo("3g");
        assertThat(apps).containsOnlyKeys("fraud");
        assertThat(apps.get("fraud").path("spec").path("driver").path("cores").asInt())
                .isEqualTo(2);
        assertThat(apps.get("fraud")
                        .path("spec")
                        .path("executor")
                        .path("instances")
                        .asInt())
                .isEqualTo(5);
        assertThat(apps.get("fraud")
                        .path("spec")
                        .path("executor")
                        .path("coreLimit")
                        .asText())
                .isEqualTo("1500m");
        assertThat(apps.get("fraud")
                        .path("spec")
                        .path("executor")
                        .path("memory")
                        .asText())
                .isEqualTo("4g");
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
        assertThat(twoCores.get("fraud")
                        .path("spec")
                        .path("executor")
                        .path("instances")
                        .asInt())
                .as("ceil(3 partitions / 2 cores)")
                .isEqualTo(2);
        assertThat(byGroup(StreamSightChart.render(Profile.DEV))
                        .get("fraud")
                        .path("spec")
                        .path("executor")
                        .path("instances")
                        .asInt())
                .as("the dev profile's one 3-core executor")
                .isEqualTo(1);
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
                """))
                .hasMessageContaining("spark application 'fraud' runs the real-time fraud query on 2 task slots")
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
                """))
                .as("two cores per task halve the slots")
                .hasMessageContaining("on 1 task slots");
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
                """))
                .hasMessageContaining("runs the real-time fraud query beside micro-batch pipelines [patterns]")
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
        ObjectNode claim = StreamSightChart.ofKind(objects, "PersistentVolumeClaim")
                .findFirst()
                .orElseThrow();

        assertThat(claim.path("spec").path("accessModes").toString()).isEqualTo("[\"ReadWriteMany\"]");
        assertThat(byGroup(objects).values()).allSatisfy(app -> {
            JsonNode spec = app.path("spec");
            String group = app.path("metadata")
                    .path("labels")
                    .path("streamsight.io/pipeline-group")
                    .asText();
            assertThat(spec.path("sparkConf")
                            .path("spark.streamsight.checkpointBase")
                            .asText())
                    .isEqualTo("file:///checkpoints/" + group);
            assertThat(spec.path("volumes").toString())
                    .contains("\"claimName\":\""
                            + claim.path("metadata").path("name").asText() + "\"");
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
            assertThat(spec.path("sparkConf")
                            .path("spark.streamsight.checkpointBase")
                            .asText())
                    .startsWith("s3a://streamsight-checkpoints/prod/");
            assertThat(spec.path("hadoopConf").path("fs.s3a.endpoint").asText()).startsWith("https://");
            assertThat(spec.path("driver").path("envFrom").toString()).contains("streamsight-checkpoint-store");
        });
    }

    @Test
    void exposesDriverMetricsInPrometheusFormat() {
        assertThat(byGroup(StreamSightChart.render(Profile.DEFAULTS)).values()).allSatisfy(app -> {
            JsonNode conf = app.path("spec").path("sparkConf");
            assertThat(conf.path("spark.ui.prometheus.enabled").asText()).isEqualTo("true");
            assertThat(conf.path("spark.metrics.conf.*.sink.prometheusServlet.class")
                            .asText())
                    .isEqualTo("org.apache.spark.metrics.sink.PrometheusServlet");
            assertThat(conf.path("spark.metrics.conf.*.sink.prometheusServlet.path")
                            .asText())
                    .isEqualTo("/metrics/prometheus");
        });
    }

    @Test
    void theDriverMayManageOnlyItsOwnPodsServicesConfigMapsAndClaims() {
        var objects = StreamSightChart.render(Profile.DEFAULTS);
        ObjectNode role = StreamSightChart.ofKind(objects, "Role").findFirst().orElseThrow();
        ObjectNode binding =
                StreamSightChart.ofKind(objects, "RoleBinding").findFirst().orElseThrow();

        assertThat(role.path("rules")).hasSize(1);
        assertThat(role.path("rules").get(0).path("apiGroups").toString()).isEqualTo("[\"\"]");
        assertThat(role.path("rules").get(0).path("resources").toString())
                .isEqualTo("[\"pods\",\"services\",\"configmaps\",\"persistentvolumeclaims\"]");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("demo-streamsight-spark");
        assertThat(StreamSightChart.ofKind(objects, "ClusterRole")).isEmpty();
    }

    @Test
    void eachApplicationFixesItsShufflePartitions() {
        Map<String, ObjectNode> defaults = byGroup(StreamSightChart.render(Profile.DEFAULTS));
        assertThat(defaults)
                .allSatisfy((group, app) -> assertThat(
                                app.path("spec").path("sparkConf").has("spark.sql.shuffle.partitions"))
                        .as(group + ": Spark's 200 would be frozen into its checkpoints")
                        .isTrue());
        assertThat(defaults.get("analytics")
                        .path("spec")
                        .path("sparkConf")
                        .path("spark.sql.shuffle.partitions")
                        .asText())
                .isEqualTo("4");
        var unset = byGroup(StreamSightChart.renderWith("""
                spark:
                  applications:
                    - name: fraud
                      pipelines: [fraud]
                      driver: {cores: 1, coreLimit: "1", memory: 1g}
                      executor: {instances: 5, cores: 2, coreLimit: "2", memory: 4g}
                """));
        assertThat(unset.get("fraud")
                        .path("spec")
                        .path("sparkConf")
                        .path("spark.sql.shuffle.partitions")
                        .asText())
                .as("unset: the executor cores")
                .isEqualTo("10");
        assertThatThrownBy(() -> StreamSightChart.renderWith("""
                spark:
                  sparkConf: {spark.sql.shuffle.partitions: "16"}
                """))
                .hasMessageContaining("set spark.applications[].shufflePartitions per application");
    }

    /**
     * The pods Kubernetes would be asked to create: Spark on Kubernetes gives the driver container
     * its RPC, block manager and UI ports and the executor its block manager port (named by Spark's
     * own {@link Constants}); spark-operator 2.5.1's webhook then appends each SparkApplication's
     * {@code driver.ports} / {@code executor.ports} without removing duplicates
     * ({@code internal/webhook/sparkpod_defaulter.go}, {@code addContainerPort}). The API server
     * refuses a pod whose container repeats a port name or number, or names one outside IANA_SVC_NAME.
     */
    @Test
    void theDriverAndExecutorPodsSparkAndTheOperatorBuildHaveValidPorts() {
        for (Profile profile : Profile.values()) {
            byGroup(StreamSightChart.render(profile)).forEach((group, app) -> {
                JsonNode spec = app.path("spec");
                int uiPort = spec.path("sparkConf").path("spark.ui.port").asInt(4040);
                List<ContainerPort> driver = new ArrayList<>(List.of(
                        new ContainerPort(Constants.DRIVER_PORT_NAME(), Constants.DEFAULT_DRIVER_PORT()),
                        new ContainerPort(Constants.BLOCK_MANAGER_PORT_NAME(), Constants.DEFAULT_BLOCKMANAGER_PORT()),
                        new ContainerPort(Constants.UI_PORT_NAME(), uiPort)));
                List<ContainerPort> executor = new ArrayList<>(List.of(
                        new ContainerPort(Constants.BLOCK_MANAGER_PORT_NAME(), Constants.DEFAULT_BLOCKMANAGER_PORT())));
                spec.path("driver")
                        .path("ports")
                        .forEach(p -> driver.add(new ContainerPort(
                                p.path("name").asText(), p.path("containerPort").asInt())));
                spec.path("executor")
                        .path("ports")
                        .forEach(p -> executor.add(new ContainerPort(
                                p.path("name").asText(), p.path("containerPort").asInt())));
                assertValidPorts(profile + " " + group + " driver", driver);
                assertValidPorts(profile + " " + group + " executor", executor);
            });
        }
    }

    private record ContainerPort(String name, int containerPort) {}

    private static void assertValidPorts(String pod, List<ContainerPort> ports) {
        assertThat(ports)
                .extracting(ContainerPort::name)
                .as(pod + ": port names must be unique")
                .doesNotHaveDuplicates();
        assertThat(ports)
                .extracting(ContainerPort::containerPort)
                .as(pod + ": container ports must be unique")
                .doesNotHaveDuplicates();
        assertThat(ports)
                .extracting(ContainerPort::name)
                .as(pod + ": IANA_SVC_NAME")
                .allMatch(name -> name.length() <= 15
                        && name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")
                        && name.matches(".*[a-z].*")
                        && !name.contains("--"));
    }

    private static Map<String, ObjectNode> byGroup(List<ObjectNode> objects) {
        return StreamSightChart.ofKind(objects, "SparkApplication")
                .collect(Collectors.toMap(
                        a -> a.path("metadata")
                                .path("labels")
                                .path("streamsight.io/pipeline-group")
                                .asText(),
                        a -> a));
    }

    private static List<String> arguments(ObjectNode app) {
        return StreamSupport.stream(app.path("spec").path("arguments").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
