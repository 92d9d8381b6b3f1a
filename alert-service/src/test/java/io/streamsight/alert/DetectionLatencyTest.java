package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Topic;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Detection latency from the transaction's arrival on Kafka (the alert record's
 * {@code source.timestamp} header) to alert-service and to an SSE client, on {@code /latency} and
 * {@code /q/metrics}. Alerts here say their transaction arrived 250 ms before they were produced,
 * so every latency is at least that: a bound that follows from the input, not a timing target.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DetectionLatencyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SPARK_TOOK = Duration.ofMillis(250);

    @TestHTTPResource("/alerts/stream")
    URI stream;

    @Test
    void alertsThatNameTheirTransactionsArrivalAreTimedToReceiptAndToSseDelivery() throws Exception {
        String user = TestAlerts.unique("timed");
        long receivedBefore = count(stage("received", "none"));
        try (SseClient sse = SseClient.connect(URI.create(stream + "?user_id=" + user), null);
                TestAlerts kafka = new TestAlerts()) {
            for (int i = 0; i < 5; i++) {
                kafka.sendDetected(
                        TestAlerts.fraud(user, "Madrid", "12000.00"),
                        Instant.now().minus(SPARK_TOOK));
            }
            // without the header (an older producer): delivered, but not timed
            FraudAlert untimed = TestAlerts.fraud(user, "Madrid", "12000.00");
            kafka.send(Topic.FRAUD_ALERTS.topicName(), user, EventJson.write(untimed));
            for (int i = 0; i < 6; i++) {
                assertThat(sse.next(WAIT)).as("SSE event " + i).isNotNull();
            }
        }
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(count(stage("received", "none"))).isEqualTo(receivedBefore + 5));
        JsonNode received = stage("received", "none").orElseThrow();
        JsonNode sse = stage("delivered", "sse").orElseThrow();
        for (JsonNode s : new JsonNode[] {received, sse}) {
            assertThat(s.path("p50_ms").asDouble())
                    .as(s.toString())
                    .isGreaterThanOrEqualTo(SPARK_TOOK.toMillis() * 0.98);
            assertThat(s.path("p99_ms").asDouble())
                    .as(s.toString())
                    .isGreaterThanOrEqualTo(s.path("p50_ms").asDouble());
            assertThat(s.path("max_ms").asDouble()).as(s.toString()).isGreaterThanOrEqualTo(SPARK_TOOK.toMillis());
        }
        assertThat(given().get("/latency")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("window")
                        .toString())
                .isEqualTo("PT5M");

        String metrics = given().accept("text/plain; version=0.0.4")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .contains("streamsight_detection_latency_seconds_bucket{receiver_type=\"none\",stage=\"received\",le=")
                .contains("streamsight_detection_latency_seconds_count{receiver_type=\"sse\",stage=\"delivered\",}")
                .doesNotContain("quantile=");
        Promtool.assertAccepts(metrics);
    }

    private static Optional<JsonNode> stage(String stage, String receiverType) throws Exception {
        JsonNode view = EventJson.mapper()
                .readTree(
                        given().get("/latency").then().statusCode(200).extract().asString());
        for (JsonNode s : view.path("stages")) {
            if (s.path("stage").asText().equals(stage)
                    && s.path("receiver_type").asText().equals(receiverType)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static long count(Optional<JsonNode> stage) {
        return stage.map(s -> s.path("count").asLong()).orElse(0L);
    }
}
