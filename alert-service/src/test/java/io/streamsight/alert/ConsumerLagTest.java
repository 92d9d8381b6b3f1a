package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer-lag exporter against the test broker: real consumers, real commits, the
 * exporter's own poll (every 0.5 s in the test profile, window of 5 commits).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConsumerLagTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Three poll intervals: end offsets are sampled once per poll, and the machine is shared. */
    private static final double TIME_LAG_TOLERANCE_SECONDS = 1.5;

    private Admin admin;
    private TestAlerts kafka;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestAlerts.bootstrapServers()));
        kafka = new TestAlerts();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
        admin.close();
    }

    @Test
    void aConsumerThatStopsShowsGrowingLagReachesStopAndRaisesALagAlertThenAResolvedNotice() throws Exception {
        String topic = topic("lag-stop", 1);
        String group = TestAlerts.unique("stopping");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (WebhookReceiverServer receiver = new WebhookReceiverServer();
                SteadyProducer producer = new SteadyProducer(TestAlerts.bootstrapServers(), topic, 20)) {
            Map<String, String> subscription = WebhookDeliveryTest.subscribe(receiver, "{\"kind\":\"lag\"}");
            try (KafkaConsumer<String, String> consumer = consumer(group)) {
                consumer.subscribe(List.of(topic));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (System.nanoTime() < until) {
                    if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                        consumer.commitSync();
                    }
                }
            }
            JsonNode first = awaitGroup(
                    group,
                    g -> g.path("members").asInt() == 0 && g.path("max_lag").asLong() > 0);
            await().atMost(WAIT).until(() -> {
                JsonNode g = group(group);
                return g.path("status").asText().matches("STOP|ERR");
            });
            JsonNode stopped = group(group);
            assertThat(stopped.path("max_lag").asLong())
                    .isGreaterThan(first.path("max_lag").asLong());
            assertThat(stopped.path("max_lag_seconds").asDouble())
                    .isGreaterThan(first.path("max_lag_seconds").asDouble());
            JsonNode p0 = stopped.path("partitions").get(0);
            assertThat(p0.path("end_offset").asLong()
                            - p0.path("committed_offset").asLong())
                    .isEqualTo(p0.path("lag").asLong());

            JsonNode alert = awaitLagAlert(group, "consumer_lag_stop|consumer_lag_err");
            assertThat(alert.path("kind").asText()).isEqualTo("lag");
            await().atMost(WAIT)
                    .until(() -> receiver.accepted().stream()
                            .anyMatch(r -> r.idempotencyKey()
                                    .equals(alert.path("alert_id").asText())));

            producer.close();
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(endOffset(partition))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            // The group may have gone through WARN before STOP: the notice that matters is the one ending this alert.
            JsonNode resolved = awaitLagAlert(
                    group, "consumer_lag_resolved", alert.path("alert_id").asText());
            assertThat(resolved.path("details").path("previous_status").asText())
                    .isEqualTo(alert.path("details").path("status").asText());
            assertThat(group(group).path("max_lag").asLong()).isZero();
            WebhookDeliveryTest.unsubscribe(subscription);
        }
    }

    /**
     * Spark's groups commit only at batch ends (real-time mode every checkpoint interval, micro-batch
     * queries after each batch): between two commits the lag is whatever arrived since, so it never
     * drops to zero at a poll and may sit at one level for ever. Such a group, keeping up while a
     * producer keeps producing, is OK at every poll over several windows and raises no lag alert.
     */
    @Test
    void aGroupCommittingOnlyEveryFewSecondsWhileKeepingUpRaisesNoLagAlert() throws Exception {
        String topic = topic("lag-periodic", 2);
        String group = TestAlerts.unique("periodic");
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        List<String> statuses = new ArrayList<>();
        try (SteadyProducer producer = new SteadyProducer(TestAlerts.bootstrapServers(), topic, 20)) {
            // 2 s between commits, 0.5 s between polls, a window of 5: each window spans more than a
            // commit gap, and 8 commits are several windows.
            for (int batch = 0; batch < 8; batch++) {
                Map<TopicPartition, Long> batchEnd = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    batchEnd.put(partition, endOffset(partition));
                }
                commit(group, batchEnd);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < until) {
                    JsonNode seen = given().get("/lag")
                                    .then()
                                    .extract()
                                    .response()
                                    .asString()
                                    .contains(group)
                            ? group(group)
                            : null;
                    if (seen != null) {
                        statuses.add(seen.path("status").asText());
                    }
                    Thread.sleep(250);
                }
            }
        }
        assertThat(statuses)
                .as("the group was evaluated all along")
                .hasSizeGreaterThan(20)
                .containsOnly("OK");
        JsonNode lagAlerts =
                EventJson.mapper().readTree(given().get("/alerts?kind=lag").asString());
        assertThat(lagAlerts.findValues("group").stream().map(JsonNode::asText)).doesNotContain(group);
    }

    @Test
    void aCaughtUpConsumerHasZeroLagAndIsOk() throws Exception {
        String topic = topic("lag-caught-up", 2);
        String group = TestAlerts.unique("caught-up");
        for (int i = 0; i < 40; i++) {
            kafka.send(topic, "key-" + i, "value-" + i);
        }
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            int read = 0;
            while (read < 40) {
                read += consumer.poll(Duration.ofMillis(200)).count();
                consumer.commitSync();
            }
            JsonNode caughtUp = awaitGroup(
                    group,
                    g -> g.path("members").asInt() == 1
                            && g.path("partitions").size() == 2
                            && g.path("partitions").findValues("committed_offset").stream()
                                    .noneMatch(JsonNode::isNull));
            assertThat(caughtUp.path("status").asText()).isEqualTo("OK");
            assertThat(caughtUp.path("max_lag").asLong()).isZero();
            assertThat(caughtUp.path("sum_lag").asLong()).isZero();
            assertThat(caughtUp.path("max_lag_seconds").asDouble()).isZero();
            assertThat(caughtUp.path("partitions").findValues("end_offset").stream()
                            .mapToLong(JsonNode::asLong)
                            .sum())
                    .isEqualTo(40);
            assertThat(caughtUp.path("partitions").get(0).path("client_id").asText())
                    .isNotBlank();
        }
    }

    @Test
    void aGroupWhoseOffsetsAreResetBackwardsIsARewind() throws Exception {
        String topic = topic("lag-rewind", 1);
        String group = TestAlerts.unique("rewound");
        TopicPartition partition = new TopicPartition(topic, 0);
        for (int i = 0; i < 100; i++) {
            kafka.send(topic, null, "value-" + i);
        }
        commit(group, Map.of(partition, 80L));
        awaitGroup(
                group, g -> g.path("partitions").get(0).path("committed_offset").asLong() == 80);
        commit(group, Map.of(partition, 10L));

        JsonNode rewound = awaitGroup(
                group, g -> g.path("partitions").get(0).path("committed_offset").asLong() == 10);
        assertThat(rewound.path("status").asText()).isEqualTo("REWIND");
        assertThat(rewound.path("max_lag").asLong()).isEqualTo(90);
    }

    @Test
    void theTimeLagOfASteadyProducersBacklogMatchesTheRecordTimestamps() throws Exception {
        String topic = topic("lag-time", 1);
        String group = TestAlerts.unique("time-lag");
        TopicPartition partition = new TopicPartition(topic, 0);
        commit(group, Map.of(partition, 0L));
        awaitGroup(group, g -> true);
        long committed;
        try (SteadyProducer producer = new SteadyProducer(TestAlerts.bootstrapServers(), topic, 50)) {
            Thread.sleep(3_000);
            committed = endOffset(partition) / 2;
            commit(group, Map.of(partition, committed));
            Thread.sleep(3_000);
        }
        JsonNode snapshot = awaitSnapshot(s -> partitionOf(s, group) != null
                && partitionOf(s, group).path("committed_offset").asLong() == committed);
        double estimated = partitionOf(snapshot, group).path("lag_seconds").asDouble();
        Instant polledAt = Instant.parse(snapshot.path("polled_at").asText());
        double truth = (polledAt.toEpochMilli() - recordTimestamp(partition, committed)) / 1000.0;

        assertThat(truth).as("true time lag").isGreaterThan(3);
        assertThat(estimated)
                .as("estimated time lag, truth %.3f s", truth)
                .isCloseTo(truth, within(TIME_LAG_TOLERANCE_SECONDS));
    }

    /**
     * spark-app commits what each pipeline processed to {@code streamsight-spark-<pipeline>} with
     * {@code Admin.alterConsumerGroupOffsets}, for a group that never has members
     * (ConsumerGroupCommitter). Such a group is reported with its lag and judged by its commits,
     * not treated as dead for having no members.
     */
    @Test
    void theSparkFraudPipelinesGroupIsReportedWithItsLag() throws Exception {
        String group = "streamsight-spark-fraud";
        String topic = Topic.TRANSACTIONS.topicName();
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Topic.TRANSACTIONS.partitions(); p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        produceToEveryPartition(partitions, 5);
        commit(
                group,
                Map.of(
                        partitions.get(0),
                        endOffset(partitions.get(0)) - 5,
                        partitions.get(1),
                        endOffset(partitions.get(1)) - 5,
                        partitions.get(2),
                        endOffset(partitions.get(2)) - 5));
        awaitGroup(
                group,
                g -> g.path("partitions").size() == 3 && g.path("sum_lag").asLong() == 15);
        Thread.sleep(2_000);
        produceToEveryPartition(partitions, 5);
        Map<TopicPartition, Long> second = new HashMap<>();
        for (TopicPartition partition : partitions) {
            second.put(partition, endOffset(partition) - 2);
        }
        commit(group, second);

        JsonNode spark = awaitGroup(group, g -> g.path("sum_lag").asLong() == 6);
        assertThat(spark.path("members").asInt()).isZero();
        assertThat(spark.path("state").asText()).isEqualTo("Empty");
        assertThat(spark.path("status").asText()).isEqualTo("OK");
        assertThat(spark.path("max_lag").asLong()).isEqualTo(2);
        assertThat(spark.path("topic_sum_lag").path(topic).asLong()).isEqualTo(6);
        for (JsonNode partition : spark.path("partitions")) {
            long expected = second.get(
                    new TopicPartition(topic, partition.path("partition").asInt()));
            assertThat(partition.path("committed_offset").asLong()).isEqualTo(expected);
            assertThat(partition.path("lag").asLong()).isEqualTo(2);
        }

        String metrics = given().accept("text/plain; version=0.0.4")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .contains(
                        "kafka_consumergroup_group_lag{client_id=\"\",cluster_name=\"streamsight\",consumer_id=\"\",group=\""
                                + group + "\",member_host=\"\",partition=\"0\",topic=\"transactions\",} 2.0")
                .contains(
                        "kafka_consumergroup_group_sum_lag{cluster_name=\"streamsight\",group=\"" + group + "\",} 6.0")
                .contains("kafka_consumergroup_group_topic_sum_lag{cluster_name=\"streamsight\",group=\"" + group
                        + "\",topic=\"transactions\",} 6.0")
                .contains("streamsight_lag_group_status{cluster_name=\"streamsight\",group=\"" + group
                        + "\",status=\"OK\",} 1.0")
                .contains(
                        "kafka_partition_latest_offset{cluster_name=\"streamsight\",partition=\"0\",topic=\"transactions\",}")
                .contains(
                        "kafka_consumergroup_group_max_lag_seconds{",
                        "kafka_consumergroup_group_offset{",
                        "kafka_consumergroup_group_lag_seconds{",
                        "kafka_consumergroup_group_max_lag{",
                        "kafka_partition_earliest_offset{",
                        "streamsight_lag_poll_duration_seconds_count");
        Promtool.assertAccepts(metrics);
    }

    @Test
    void anUnknownGroupIsAProblem() {
        given().get("/lag/no-such-group")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
    }

    // --- helpers --------------------------------------------------------------------------------

    private String topic(String prefix, int partitions) throws Exception {
        String name = TestAlerts.unique(prefix);
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        return name;
    }

    private void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(p, new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(group, commit).all().get(30, TimeUnit.SECONDS);
    }

    private long endOffset(TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .partitionResult(partition)
                .get(30, TimeUnit.SECONDS)
                .offset();
    }

    private void produceToEveryPartition(List<TopicPartition> partitions, int perPartition) {
        for (TopicPartition partition : partitions) {
            for (int i = 0; i < perPartition; i++) {
                kafka.send(partition, "{}");
            }
        }
    }

    private static long recordTimestamp(TopicPartition partition, long offset) {
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestAlerts.bootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer())) {
            reader.assign(List.of(partition));
            reader.seek(partition, offset);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return record.timestamp();
                    }
                }
            }
        }
        throw new IllegalStateException("no record at " + partition + "@" + offset);
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return consumer(TestAlerts.bootstrapServers(), group);
    }

    static KafkaConsumer<String, String> consumer(String bootstrapServers, String group) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
    }

    private static JsonNode snapshot() throws Exception {
        return EventJson.mapper()
                .readTree(given().get("/lag").then().statusCode(200).extract().asString());
    }

    private static JsonNode group(String group) throws Exception {
        Response response = given().get("/lag/" + group);
        return response.statusCode() == 200
                ? EventJson.mapper().readTree(response.asString())
                : EventJson.mapper().createObjectNode();
    }

    private static JsonNode partitionOf(JsonNode snapshot, String group) {
        for (JsonNode g : snapshot.path("groups")) {
            if (g.path("group").asText().equals(group)) {
                return g.path("partitions").get(0);
            }
        }
        return null;
    }

    private static JsonNode awaitSnapshot(Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen[0] = snapshot();
            return condition.test(seen[0]);
        });
        return seen[0];
    }

    private static JsonNode awaitGroup(String group, Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen[0] = group(group);
            return seen[0].has("group") && condition.test(seen[0]);
        });
        return seen[0];
    }

    private static JsonNode awaitLagAlert(String group, String typePattern) {
        return awaitLagAlert(group, typePattern, null);
    }

    /** {@code resolves}: if not null, only the resolved notice of that alert. */
    private static JsonNode awaitLagAlert(String group, String typePattern, String resolves) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            for (JsonNode alert :
                    EventJson.mapper().readTree(given().get("/alerts?kind=lag").asString())) {
                if (alert.path("details").path("group").asText().equals(group)
                        && alert.path("alert_type").asText().matches(typePattern)
                        && (resolves == null
                                || alert.path("details")
                                        .path("resolves")
                                        .asText()
                                        .equals(resolves))) {
                    found[0] = alert;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
