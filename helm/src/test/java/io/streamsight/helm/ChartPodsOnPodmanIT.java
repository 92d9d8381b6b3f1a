package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.helm.StreamSightChart.Profile;
import io.streamsight.kafka.TopicRange;
import io.streamsight.localstack.process.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's own pods, run from the project's images (k8s/images/build.sh) by podman with the
 * rendered pod specs: security contexts, volumes, limits, environment, the SparkApplication's Spark
 * configuration and arguments. The chart's helm test script then sends a fraudulent transaction
 * through generator-service and must find its alert at alert-service, the real-time fraud query
 * running in between in the spark-app image. Run by k8s/verify.
 *
 * <p>The broker is the embedded one, set up as Strimzi would set it up for the chart
 * ({@link StrimziStandIn}): the pods connect over TLS with SCRAM-SHA-512 as the rendered KafkaUsers,
 * whose ACLs the broker enforces. What differs from a cluster, each for a stated reason: the broker
 * runs on the host, so the bootstrap address is its own instead of the cluster Service's;
 * containers share the host's network, so each service gets a port of its own; no API server can
 * start executor pods here, so the driver either runs Spark in local mode with as many slots as the
 * application's executors have cores, or, to run the executor pods themselves, registers with a
 * standalone master from the same image while the test starts the executor containers Spark on
 * Kubernetes would; the helm test pod runs in an image of sh and curl built here from Debian, as
 * the chart's curl image cannot be pulled offline.
 */
class ChartPodsOnPodmanIT {

    private static final Duration READY_WITHIN = Duration.ofMinutes(4);
    private static final String ALERT_SERVICE = StreamSightChart.RELEASE + "-streamsight-alert-service";
    private static final String GENERATOR_SERVICE = StreamSightChart.RELEASE + "-streamsight-generator-service";
    private static final String FRAUD_APPLICATION = StreamSightChart.RELEASE + "-streamsight-spark-fraud";
    /**
     * The helm test pod's image here: sh and curl from Debian on the project's base (k8s/images/build.sh),
     * in place of the chart's curl image, which cannot be pulled offline.
     */
    private static final String HELM_TEST_IMAGE = "localhost/streamsight/helm-test:curl";

    private static StrimziStandIn kafka;
    private static List<ObjectNode> chart;
    private static Path work;

    @BeforeAll
    static void startBrokerAndRenderChart() throws Exception {
        chart = StreamSightChart.render(Profile.DEFAULTS);
        for (String image : List.of(
                image(deployment(ALERT_SERVICE)),
                image(deployment(GENERATOR_SERVICE)),
                sparkApplication().path("spec").path("image").asText(),
                HELM_TEST_IMAGE)) {
            assertThat(PodmanContainer.imageExists(image))
                    .as(image + " in podman's storage: run k8s/images/build.sh first")
                    .isTrue();
        }
        work = Files.createDirectories(Path.of("target/chart-pods").toAbsolutePath());
        kafka = StrimziStandIn.start(
                work, StreamSightChart.ofKind(chart, "KafkaUser").toList());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aFraudulentTransactionSentThroughTheChartsPodsBecomesAnAlert() throws Exception {
        int alertPort = FreePort.pick();
        int generatorPort = FreePort.pick();
        try (PodmanContainer alerts = service(ALERT_SERVICE, alertPort).start();
                PodmanContainer generator =
                        service(GENERATOR_SERVICE, generatorPort).start();
                PodmanContainer fraud =
                        fraudDriver(sparkApplication().deepCopy(), localMode()).start()) {
            awaitReady(alerts, alertPort);
            awaitReady(generator, generatorPort);
            await().atMost(READY_WITHIN)
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(fraud.logs())
                            .as("spark-app's start in the image")
                            .contains("StreamSight spark-app running"));

            ObjectNode test = StreamSightChart.ofKind(chart, "Pod").findFirst().orElseThrow();
            JsonNode testPod = test.path("spec");
            JsonNode container = testPod.path("containers").get(0);
            Map<String, String> env = new TreeMap<>();
            container
                    .path("env")
                    .forEach(e ->
                            env.put(e.path("name").asText(), e.path("value").asText()));
            env.put("GENERATOR_URL", "http://127.0.0.1:" + generatorPort);
            env.put("ALERTS_URL", "http://127.0.0.1:" + alertPort);
            List<String> entrypoint = new ArrayList<>();
            container.path("command").forEach(c -> entrypoint.add(c.asText()));
            List<String> args = new ArrayList<>();
            container.path("args").forEach(a -> args.add(a.asText()));
            try (PodmanContainer helmTest = PodmanContainer.named(
                            test.path("metadata").path("name").asText(), HELM_TEST_IMAGE)
                    .securedBy(testPod.path("securityContext"), container.path("securityContext"))
                    .memoryLimit(container
                            .path("resources")
                            .path("limits")
                            .path("memory")
                            .asText())
                    .env(env)
                    .entrypoint(entrypoint)
                    .command(args)
                    .start()) {
                await().atMost(Duration.ofSeconds(Long.parseLong(env.get("TIMEOUT_SECONDS")) + 60))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> !helmTest.running());
                String output = helmTest.logs();
                assertThat(helmTest.exitCode())
                        .as("the chart's helm test pod said:\n" + output + "\nspark-app's log:\n" + tail(fraud.logs()))
                        .isZero();
                assertThat(output).contains("alert for helm-test-");
            }
        }
    }

    @Test
    void aServiceIsDeniedWhatItsKafkaUserDoesNotGrant() throws Exception {
        String generator = kafkaUser("generator-service");
        Map<String, Object> producerConfig = new HashMap<>(kafka.clientProperties(generator));
        producerConfig.putAll(Map.of(
                "key.serializer",
                StringSerializer.class.getName(),
                "value.serializer",
                StringSerializer.class.getName(),
                "max.block.ms",
                "30000",
                "delivery.timeout.ms",
                "30000",
                "request.timeout.ms",
                "20000"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            assertThat(producer.send(new ProducerRecord<>("transactions", "acl-check", "{}"))
                            .get(60, TimeUnit.SECONDS)
                            .offset())
                    .as("generator-service writes transactions")
                    .isNotNegative();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("fraud_alerts", "acl-check", "{}"))
                            .get(60, TimeUnit.SECONDS))
                    .as("generator-service writing fraud_alerts")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        Map<String, Object> consumerConfig = new HashMap<>(kafka.clientProperties(generator));
        consumerConfig.putAll(Map.of(
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                StringDeserializer.class.getName(),
                "group.id",
                "generator-service-acl-check"));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.assign(List.of(new TopicPartition("fraud_alerts", 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
                    .as("generator-service reading fraud_alerts")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theFraudDriverWithoutItsWritableTmpStopsSayingWhy() {
        ObjectNode broken = sparkApplication().deepCopy();
        ArrayNode mounts = (ArrayNode) broken.path("spec").path("driver").path("volumeMounts");
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).path("mountPath").asText().equals("/tmp")) {
                mounts.remove(i);
            }
        }
        try (PodmanContainer fraud = fraudDriver(broken, localMode()).start()) {
            await().atMost(READY_WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> !fraud.running());
            assertThat(fraud.logs())
                    .as("what the driver said before it stopped")
                    .containsIgnoringCase("/tmp")
                    .containsIgnoringCase("read-only file system");
        }
    }

    private static PodmanContainer service(String name, int port) {
        JsonNode pod = deployment(name).path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        Map<String, String> env = environment(container.path("envFrom"), container.path("env"));
        env.putAll(Map.of(
                "PORT",
                Integer.toString(port),
                "QUARKUS_HTTP_PORT",
                Integer.toString(port),
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers()));
        return PodmanContainer.named(name, image(deployment(name)))
                .securedBy(pod.path("securityContext"), container.path("securityContext"))
                .memoryLimit(container
                        .path("resources")
                        .path("limits")
                        .path("memory")
                        .asText())
                .mounting(pod.path("volumes"), container.path("volumeMounts"), Map.of("kafka-ca", kafka.caDirectory()))
                .env(env);
    }

    @Test
    void theFraudApplicationRunsOnExecutorContainersStartedAsItsExecutorPods() throws Exception {
        ObjectNode application = sparkApplication().deepCopy();
        JsonNode executorSpec = application.path("spec").path("executor");
        int instances = executorSpec.path("instances").asInt();
        int cores = executorSpec.path("cores").asInt();
        int masterPort = FreePort.pick();
        int driverPort = FreePort.pick();
        Map<String, String> cluster = new TreeMap<>(Map.of(
                "spark.master", "spark://127.0.0.1:" + masterPort,
                "spark.driver.port", Integer.toString(driverPort),
                "spark.executor.instances", Integer.toString(instances),
                "spark.executor.cores", Integer.toString(cores),
                "spark.executor.memory", executorSpec.path("memory").asText(),
                "spark.cores.max", Integer.toString(instances * cores),
                // Spark on Kubernetes' defaults: start once 80 % of the executors have registered, or after 30 s.
                "spark.scheduler.minRegisteredResourcesRatio", "0.8",
                "spark.scheduler.maxRegisteredResourcesWaitingTime", "30s"));
        List<PodmanContainer> executors = new ArrayList<>();
        try (PodmanContainer master = standaloneMaster(application, masterPort).start();
                PodmanContainer driver = fraudDriver(application, cluster).start()) {
            String appId = await().atMost(READY_WITHIN)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> applicationId(driver.logs()), id -> !id.isEmpty());
            for (int id = 1; id <= instances; id++) {
                executors.add(
                        executorPod(application, id, "spark://CoarseGrainedScheduler@127.0.0.1:" + driverPort, appId)
                                .start());
            }
            await().atMost(READY_WITHIN)
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() ->
                            assertThat(driver.logs()).as("the driver's log").contains("StreamSight spark-app running"));

            Map<Integer, String> userByPartition = usersOnEveryPartition();
            Map<String, Object> producerConfig = new HashMap<>(kafka.clientProperties(kafkaUser("generator-service")));
            producerConfig.putAll(Map.of(
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
                for (Map.Entry<Integer, String> user : userByPartition.entrySet()) {
                    Transaction tx = new Transaction(
                            "executors-" + user.getKey(),
                            user.getValue(),
                            new BigDecimal("9000.00"),
                            "EUR",
                            "Shop",
                            "Electronics",
                            "Home",
                            Instant.now());
                    producer.send(new ProducerRecord<>("transactions", user.getValue(), EventJson.write(tx)))
                            .get(60, TimeUnit.SECONDS);
                }
            }
            await().atMost(READY_WITHIN)
                    .pollInterval(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(alertedTransactions())
                            .as("alerts on fraud_alerts; the driver's log:\n" + tail(driver.logs()))
                            .containsAll(userByPartition.keySet().stream()
                                    .map(p -> "executors-" + p)
                                    .toList()));
            for (PodmanContainer executor : executors) {
                assertThat(executor.logs())
                        .as("an executor's log")
                        .contains("Successfully registered with driver")
                        .contains("Running task");
            }
        } finally {
            executors.forEach(PodmanContainer::close);
        }
    }

    /**
     * Spark in local mode with as many slots as the application's executors have cores: no API
     * server starts executor pods in the tests that run the driver alone.
     */
    private static Map<String, String> localMode() {
        JsonNode executor = sparkApplication().path("spec").path("executor");
        int slots = executor.path("instances").asInt() * executor.path("cores").asInt();
        return Map.of("spark.master", "local[" + slots + "]");
    }

    /**
     * The fraud SparkApplication's driver as the operator's spark-submit starts it: the entrypoint's
     * {@code driver} role, the Spark configuration in spark.properties under /opt/spark/conf (where
     * Spark mounts its ConfigMap), main class, application file and arguments from the spec;
     * {@code cluster}: the master and the executor settings in place of Kubernetes'.
     */
    private static PodmanContainer fraudDriver(ObjectNode application, Map<String, String> cluster) {
        JsonNode spec = application.path("spec");
        JsonNode driver = spec.path("driver");
        Map<String, String> conf = new TreeMap<>();
        spec.path("sparkConf")
                .properties()
                .forEach(e -> conf.put(e.getKey(), e.getValue().asText()));
        conf.put("spark.streamsight.kafka.bootstrapServers", kafka.bootstrapServers());
        conf.putAll(cluster);
        // On Kubernetes the operator names the driver's Service here; in a container on the host
        // network the hostname resolves to podman's host.containers.internal, which nothing serves.
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.app.name", FRAUD_APPLICATION);
        conf.put("spark.driver.memory", driver.path("memory").asText());
        conf.put("spark.ui.port", Integer.toString(FreePort.pick()));
        Path confDir = emptyDirectory("spark-conf");
        StringBuilder properties = new StringBuilder();
        conf.forEach(
                (key, value) -> properties.append(key).append('=').append(value).append('\n'));
        write(confDir.resolve("spark.properties"), properties.toString());

        Map<String, Path> hostDirs = Map.of(
                "kafka-ca", kafka.caDirectory(), "checkpoints", emptyDirectory("checkpoints-" + System.nanoTime()));
        Map<String, String> env = environment(driver.path("envFrom"), driver.path("env"));
        env.put("SPARK_DRIVER_BIND_ADDRESS", "127.0.0.1");
        List<String> command = new ArrayList<>(List.of(
                "driver",
                "--properties-file",
                "/opt/spark/conf/spark.properties",
                "--class",
                spec.path("mainClass").asText(),
                spec.path("mainApplicationFile").asText()));
        spec.path("arguments").forEach(a -> command.add(a.asText()));
        return PodmanContainer.named(
                        FRAUD_APPLICATION + "-driver", spec.path("image").asText())
                .securedBy(driver.path("podSecurityContext"), driver.path("securityContext"))
                .mounting(spec.path("volumes"), driver.path("volumeMounts"), hostDirs)
                .volume(confDir, "/opt/spark/conf", true)
                .env(env)
                .command(command);
    }

    /**
     * An executor pod of the application as Spark on Kubernetes builds it: the image's
     * {@code executor} role with the variables the driver sets on each executor pod, the executor's
     * security contexts, volumes and environment from the spec. The pod's IP is the host's, as the
     * containers share its network.
     */
    private static PodmanContainer executorPod(ObjectNode application, int id, String driverUrl, String appId) {
        JsonNode spec = application.path("spec");
        JsonNode executor = spec.path("executor");
        String podName = FRAUD_APPLICATION + "-exec-" + id;
        Map<String, String> env = environment(executor.path("envFrom"), executor.path("env"));
        env.putAll(Map.of(
                "SPARK_DRIVER_URL",
                driverUrl,
                "SPARK_EXECUTOR_ID",
                Integer.toString(id),
                "SPARK_EXECUTOR_CORES",
                executor.path("cores").asText(),
                "SPARK_EXECUTOR_MEMORY",
                executor.path("memory").asText(),
                "SPARK_APPLICATION_ID",
                appId,
                "SPARK_EXECUTOR_POD_IP",
                "127.0.0.1",
                "SPARK_EXECUTOR_POD_NAME",
                podName,
                "SPARK_RESOURCE_PROFILE_ID",
                "0"));
        Map<String, Path> hostDirs = Map.of(
                "kafka-ca",
                kafka.caDirectory(),
                "checkpoints",
                emptyDirectory("executor-checkpoints-" + System.nanoTime()));
        return PodmanContainer.named(podName, spec.path("image").asText())
                .securedBy(executor.path("podSecurityContext"), executor.path("securityContext"))
                .mounting(spec.path("volumes"), executor.path("volumeMounts"), hostDirs)
                .env(env)
                .command(List.of("executor"));
    }

    /**
     * A Spark standalone master from the same image, with the driver's security settings: it stands
     * in for Kubernetes' scheduler backend only as far as the driver needs a cluster manager to
     * register with; the executors are the pods above, not the master's.
     */
    private static PodmanContainer standaloneMaster(ObjectNode application, int port) {
        JsonNode spec = application.path("spec");
        JsonNode driver = spec.path("driver");
        return PodmanContainer.named(
                        FRAUD_APPLICATION + "-master", spec.path("image").asText())
                .securedBy(driver.path("podSecurityContext"), driver.path("securityContext"))
                .mounting(spec.path("volumes"), tmpOnly(driver.path("volumeMounts")), Map.of())
                .command(List.of(
                        "java",
                        "@/opt/streamsight/jvm.options",
                        "-cp",
                        "/opt/spark/jars/*",
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--webui-port",
                        Integer.toString(FreePort.pick())));
    }

    private static ArrayNode tmpOnly(JsonNode mounts) {
        ArrayNode tmp = JsonNodeFactory.instance.arrayNode();
        mounts.forEach(m -> {
            if (m.path("mountPath").asText().equals("/tmp")) {
                tmp.add(m);
            }
        });
        return tmp;
    }

    /** The id the standalone master gave the driver's application, once the driver logged it. */
    private static String applicationId(String driverLog) {
        Matcher id = Pattern.compile("app ID (app-[0-9-]+)").matcher(driverLog);
        return id.find() ? id.group(1) : "";
    }

    /** A user key for each partition of {@code transactions}, by the producer's default partitioner. */
    private static Map<Integer, String> usersOnEveryPartition() {
        int partitions = Topic.TRANSACTIONS.partitions();
        Map<Integer, String> users = new TreeMap<>();
        for (int i = 0; users.size() < partitions; i++) {
            String user = "executor-user-" + i;
            users.putIfAbsent(
                    Utils.toPositive(Utils.murmur2(user.getBytes(StandardCharsets.UTF_8))) % partitions, user);
        }
        return users;
    }

    /** The transaction ids of every alert on {@code fraud_alerts}, read as alert-service's KafkaUser. */
    private static List<String> alertedTransactions() {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties(kafkaUser("alert-service")));
        config.putAll(Map.of(
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()));
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicRange.readToEnd(
                    consumer,
                    List.of(Topic.FRAUD_ALERTS.topicName()),
                    record -> ids.add(
                            EventJson.read(record.value(), FraudAlert.class).transactionId()));
        }
        return ids;
    }

    private static String kafkaUser(String service) {
        return StreamSightChart.ofKind(chart, "KafkaUser")
                .map(u -> u.path("metadata").path("name").asText())
                .filter(name -> name.endsWith(service))
                .findFirst()
                .orElseThrow();
    }

    /**
     * A container's environment: its ConfigMaps, then its own entries; a secretKeyRef is read from
     * the rendered Secret, or, for a KafkaUser's Secret (made by Strimzi, not the chart), from the
     * stand-in's user.
     */
    private static Map<String, String> environment(JsonNode envFrom, JsonNode entries) {
        Map<String, String> env = new TreeMap<>();
        envFrom.forEach(from -> {
            assertThat(from.has("configMapRef")).as("envFrom " + from).isTrue();
            object("ConfigMap", from.path("configMapRef").path("name").asText())
                    .path("data")
                    .properties()
                    .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        });
        entries.forEach(e -> {
            JsonNode secretRef = e.path("valueFrom").path("secretKeyRef");
            String secret = secretRef.path("name").asText();
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            } else if (StreamSightChart.ofKind(chart, "KafkaUser")
                    .anyMatch(u -> u.path("metadata").path("name").asText().equals(secret))) {
                assertThat(secretRef.path("key").asText()).isEqualTo("sasl.jaas.config");
                env.put(e.path("name").asText(), kafka.jaasConfig(secret));
            } else {
                String encoded = object("Secret", secret)
                        .path("data")
                        .path(secretRef.path("key").asText())
                        .asText();
                env.put(
                        e.path("name").asText(),
                        new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
            }
        });
        return env;
    }

    private static void awaitReady(PodmanContainer container, int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        await().atMost(READY_WITHIN)
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(container.running())
                            .as("still running; its log:\n" + tail(container.logs()))
                            .isTrue();
                    assertThat(http.send(ready, HttpResponse.BodyHandlers.ofString())
                                    .statusCode())
                            .isEqualTo(200);
                });
    }

    private static ObjectNode deployment(String name) {
        return object("Deployment", name);
    }

    private static ObjectNode sparkApplication() {
        return object("SparkApplication", FRAUD_APPLICATION);
    }

    private static ObjectNode object(String kind, String name) {
        return StreamSightChart.ofKind(chart, kind)
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the chart renders no " + kind + " " + name));
    }

    private static String image(ObjectNode deployment) {
        return deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("image")
                .asText();
    }

    private static Path emptyDirectory(String name) {
        try {
            Path dir = Files.createDirectories(work.resolve(name));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
