package io.streamsight.spark.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.localstack.process.FreePort;
import io.streamsight.spark.ChildJvm;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.pipeline.FraudRules;
import io.streamsight.spark.pipeline.StreamSightSettings;
import io.streamsight.spark.pipeline.StreamSightSettings.FraudTrigger;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's fraud application on a real multi-process Spark: a standalone master, a worker,
 * and executor JVMs the worker launches, sized from {@code helm/streamsight/values.yaml} the way
 * the chart sizes the SparkApplication (executor instances unset: one slot per partition of
 * {@code transactions}). With the real-time fraud query running there, a fraudulent transaction on
 * every partition gives its alert, and a rule put on {@code fraud_rules} while it runs flags the
 * next transactions on every partition, so every executor applied it. (By hand, with the chart's
 * earlier 2 executors x 1 core, the third partition never alerted; the chart now refuses values
 * giving the fraud application fewer slots than partitions, SparkApplicationsTest.)
 */
class StandaloneClusterIT {

    private static final Duration PROCESSED = Duration.ofSeconds(120);
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    @RegisterExtension
    static final TransactionRecords records = TransactionRecords.onNewBroker();

    @TempDir
    Path dir;

    private final List<Process> cluster = new ArrayList<>();

    @AfterEach
    void stopTheCluster() throws InterruptedException {
        for (Process process : cluster) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void theChartsFraudApplicationAlertsOnEveryPartitionAndAppliesALiveRuleOnEveryExecutor() throws Exception {
        JsonNode fraudApp = chartApplication("fraud");
        int cores = fraudApp.path("executor").path("cores").asInt();
        int partitions = Topic.TRANSACTIONS.partitions();
        int instances = fraudApp.path("executor").has("instances")
                ? fraudApp.path("executor").path("instances").asInt()
                : (partitions + cores - 1) / cores;
        assertThat(fraudApp.path("pipelines").toString())
                .as("the chart's fraud application")
                .isEqualTo("[\"fraud\"]");

        String master = startMasterAndWorker(instances * cores);
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("streamsight-standalone-it")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.executor.cores", Integer.toString(cores))
                .config("spark.cores.max", Integer.toString(instances * cores))
                .config("spark.executor.memory", "512m")
                // The worker launches executors with java -cp $SPARK_HOME/jars/*:<this>; this JVM's class path is the
                // app's.
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config(
                        "spark.sql.shuffle.partitions",
                        fraudApp.path("shufflePartitions").asText())
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.streaming.realTimeMode.minBatchDuration", "1000")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            await().atMost(PROCESSED)
                    .until(() -> spark.sparkContext().getExecutorMemoryStatus().size() - 1 >= instances);
            StreamSightSettings settings = new StreamSightSettings(
                    records.bootstrapServers(),
                    dir.resolve("checkpoints").toUri().toString(),
                    FraudTrigger.REAL_TIME,
                    "2 seconds",
                    "0 seconds",
                    "earliest",
                    Optional.empty(),
                    FraudRules.defaults());
            Map<Integer, String> userByPartition = usersOnEveryPartition(partitions);
            try (StreamSightApp app = StreamSightApp.start(spark, settings, Set.of("fraud"))) {
                userByPartition.forEach(
                        (partition, user) -> records.send(tx("high-" + partition, user, "9000.00", "Home")));
                await().atMost(PROCESSED)
                        .untilAsserted(() -> assertThat(alertedTransactions())
                                .as("an alert for the transaction on each partition")
                                .containsAll(ids("high-", userByPartition)));

                String rule = """
                        {"rule_id":"standalone_pets_over_50","priority":50,
                         "condition":{"all":[{"field":"category","op":"eq","value":"Pets"},{"field":"amount","op":"gt","value":50}]},
                         "sets":{"alert_type":"pet_spree","severity":"high","risk_score":80}}""";
                records.send(
                        Topic.FRAUD_RULES,
                        "standalone_pets_over_50".getBytes(StandardCharsets.UTF_8),
                        rule.getBytes(StandardCharsets.UTF_8));
                // Each executor reads fraud_rules itself; sent until every partition's transaction is flagged by it.
                await().atMost(PROCESSED).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                    userByPartition.forEach((partition, user) ->
                            records.send(tx("pets-" + partition + "-" + System.nanoTime(), user, "60.00", "Pets")));
                    Set<Integer> flagged = alerts().stream()
                            .filter(a -> a.rules().contains("standalone_pets_over_50"))
                            .map(a -> partitionOf(a.userId(), partitions))
                            .collect(Collectors.toSet());
                    assertThat(flagged)
                            .as("partitions whose executor applied the new rule")
                            .isEqualTo(userByPartition.keySet());
                });
                assertThat(app.queries())
                        .allSatisfy(q -> assertThat(q.isActive()).isTrue());
            }
        } finally {
            spark.stop();
        }
    }

    private String startMasterAndWorker(int workerCores) throws Exception {
        int masterPort = FreePort.pick();
        String master = "spark://127.0.0.1:" + masterPort;
        cluster.add(sparkDaemon(
                "master",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(masterPort),
                "--webui-port",
                Integer.toString(FreePort.pick())));
        cluster.add(sparkDaemon(
                "worker",
                "org.apache.spark.deploy.worker.Worker",
                master,
                "--host",
                "127.0.0.1",
                "--cores",
                Integer.toString(workerCores),
                "--memory",
                "2g",
                "--webui-port",
                Integer.toString(FreePort.pick()),
                "--work-dir",
                dir.resolve("work").toString()));
        return master;
    }

    /** A Spark daemon in a JVM of its own. */
    private Process sparkDaemon(String name, String mainClass, String... args) throws IOException {
        // The worker builds executor class paths from $SPARK_HOME/jars, which must exist; the jars come from
        // extraClassPath.
        Path sparkHome = dir.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        return ChildJvm.start(
                mainClass,
                List.of("-Xmx512m"),
                List.of(args),
                Map.of(
                        "SPARK_HOME",
                        sparkHome.toString(),
                        "SPARK_SCALA_VERSION",
                        "2.13",
                        "SPARK_LOCAL_IP",
                        "127.0.0.1"),
                dir.resolve(name + ".log"));
    }

    private static JsonNode chartApplication(String name) throws IOException {
        Path values = Path.of(System.getProperty("streamsight.home", "..")).resolve("helm/streamsight/values.yaml");
        for (JsonNode app : new ObjectMapper(new YAMLFactory())
                .readTree(values.toFile())
                .path("spark")
                .path("applications")) {
            if (app.path("name").asText().equals(name)) {
                return app;
            }
        }
        throw new IllegalStateException("no application " + name + " in " + values);
    }

    /** A user id per partition of transactions, by Kafka's default partitioner on the key. */
    private static Map<Integer, String> usersOnEveryPartition(int partitions) {
        Map<Integer, String> users = new TreeMap<>();
        for (int i = 0; users.size() < partitions; i++) {
            String user = "standalone-user-" + i;
            users.putIfAbsent(partitionOf(user, partitions), user);
        }
        return users;
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static Set<String> ids(String prefix, Map<Integer, String> userByPartition) {
        return userByPartition.keySet().stream()
                .map(p -> "standalone-" + prefix + p)
                .collect(Collectors.toSet());
    }

    private static Transaction tx(String id, String user, String amount, String category) {
        return new Transaction("standalone-" + id, user, new BigDecimal(amount), "EUR", "Shop", category, "Madrid", AT);
    }

    private static Set<String> alertedTransactions() {
        return alerts().stream().map(FraudAlert::transactionId).collect(Collectors.toSet());
    }

    private static List<FraudAlert> alerts() {
        return TransactionRecords.values(records.readAll(Topic.FRAUD_ALERTS)).stream()
                .map(json -> EventJson.read(json, FraudAlert.class))
                .toList();
    }
}
