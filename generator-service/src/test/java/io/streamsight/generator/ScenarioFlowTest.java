package io.streamsight.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ScenarioFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TopicReader reader;

    @BeforeEach
    void connect() {
        reader = new TopicReader(bootstrapServers);
    }

    @Test
    void aScenarioOfNTransactionsPutsExactlyNValidRecordsOnTheTopicWithGroundTruthForItsFrauds() {
        int count = 3000;
        double fraudRatio = 0.05;
        Map<TopicPartition, Long> transactionsBefore = reader.endOffsets(Topic.TRANSACTIONS);
        Map<TopicPartition, Long> truthBefore = reader.endOffsets(Topic.FRAUD_GROUND_TRUTH);

        String id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "event_types",
                        List.of("transactions"),
                        "rate_per_second",
                        5000,
                        "count",
                        count,
                        "fraud_ratio",
                        fraudRatio,
                        "seed",
                        1234,
                        "user_prefix",
                        "flow"))
                .when()
                .post("/scenarios")
                .then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("state", equalTo("running"))
                .body("user_prefix", equalTo("flow"))
                .extract()
                .path("id");
        JsonPath done = awaitFinished(id);

        List<ConsumerRecord<String, String>> transactions = reader.readSince(Topic.TRANSACTIONS, transactionsBefore);
        List<ConsumerRecord<String, String>> truths = reader.readSince(Topic.FRAUD_GROUND_TRUTH, truthBefore);

        assertThat(done.getString("state")).isEqualTo("completed");
        assertThat(done.getLong("generated")).isEqualTo(count);
        assertThat(done.getLong("errors")).isZero();
        assertThat(done.getLong("sent")).isEqualTo(count + done.getLong("ground_truth"));
        assertThat(transactions).hasSize(count);
        Set<String> ids = transactions.stream()
                .map(record -> {
                    Transaction transaction = EventJson.read(record.value(), Transaction.class);
                    assertThat(record.key()).isEqualTo(transaction.userId());
                    // its own users: a scenario running beside it with another prefix moves none of them
                    assertThat(transaction.userId()).matches("flow_\\d{5}");
                    return transaction.transactionId();
                })
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(count);
        assertThat(truths).hasSize((int) done.getLong("ground_truth"));
        assertThat((double) truths.size()).isBetween(0.5 * fraudRatio * count, 1.5 * fraudRatio * count);
        for (ConsumerRecord<String, String> record : truths) {
            FraudGroundTruth truth = EventJson.read(record.value(), FraudGroundTruth.class);
            assertThat(record.key()).isEqualTo(truth.transactionId());
            assertThat(ids).contains(truth.transactionId());
        }
    }

    @Test
    void theSameSeedAndStartTimeGiveTheSameEventsThroughKafka() {
        Map<String, Object> scenario = Map.of(
                "event_types",
                List.of("transactions", "sensor_data", "web_logs"),
                "rate_per_second",
                2000,
                "count",
                300,
                "fraud_ratio",
                0.1,
                "seed",
                99,
                "start_time",
                "2026-11-25T10:00:00Z");

        assertThat(sentBy(scenario)).isEqualTo(sentBy(scenario));
    }

    @Test
    void deletingARunningScenarioStopsAndForgetsIt() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("rate_per_second", 20))
                .when()
                .post("/scenarios")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().when().get("/scenarios").then().statusCode(200).body("id", hasItem(id));

        given().when().delete("/scenarios/" + id).then().statusCode(200).body("state", equalTo("stopped"));

        given().when().get("/scenarios/" + id).then().statusCode(404);
    }

    /** Every value the scenario put on its topics, sorted (partitions interleave differently). */
    private List<String> sentBy(Map<String, Object> scenario) {
        List<Topic> topics = List.of(Topic.TRANSACTIONS, Topic.SENSOR_DATA, Topic.WEB_LOGS, Topic.FRAUD_GROUND_TRUTH);
        Map<Topic, Map<TopicPartition, Long>> before =
                topics.stream().collect(Collectors.toMap(t -> t, reader::endOffsets));
        String id = given().contentType(ContentType.JSON)
                .body(scenario)
                .when()
                .post("/scenarios")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(awaitFinished(id).getString("state")).isEqualTo("completed");
        return topics.stream()
                .flatMap(t -> reader.readSince(t, before.get(t)).stream())
                .map(r -> r.topic() + "|" + r.key() + "|" + r.value())
                .sorted()
                .toList();
    }

    private static JsonPath awaitFinished(String id) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !given().when()
                        .get("/scenarios/" + id)
                        .then()
                        .extract()
                        .path("state")
                        .equals("running"));
        return given().when()
                .get("/scenarios/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
