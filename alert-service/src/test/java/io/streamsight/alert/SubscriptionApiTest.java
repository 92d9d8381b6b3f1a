package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.streamsight.events.Topic;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SubscriptionApiTest {

    static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer test-token").contentType("application/json");
    }

    @Test
    void requestsWithoutTheTokenAreUnauthorized() {
        given().get("/subscriptions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("type", equalTo("/problems/unauthorized"))
                .body("title", notNullValue());
        given().header("Authorization", "Bearer wrong")
                .contentType("application/json")
                .body("{\"url\":\"http://127.0.0.1:1/hook\"}")
                .post("/subscriptions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().delete("/subscriptions/anything").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.org/hook",
                "not a url",
                "http:///nohost",
                "http://10.1.2.3/hook",
                "http://192.168.0.10/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://[fd00::1]/hook",
                "http://0.0.0.0/hook"
            })
    void refusedWebhookUrlsGetAProblem(String url) {
        authorized()
                .body(Map.of("url", url))
                .post("/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("/problems/invalid-webhook-url"))
                .body("detail", notNullValue());
    }

    @Test
    void unknownFilterFieldsAndBadValuesAreRefused() {
        authorized()
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"filter\":{\"usr_id\":[\"u1\"]}}")
                .post("/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-field"))
                .body("detail", containsString("usr_id"));
        authorized()
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"filter\":{\"min_severity\":\"huge\"}}")
                .post("/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        authorized()
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"short\"}")
                .post("/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        authorized().body("{").post("/subscriptions").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aSubscriptionIsStoredInTheCompactedTopicListedAndDeleted() {
        String id = authorized()
                .body(
                        "{\"url\":\"http://127.0.0.1:9/hook\",\"filter\":{\"kind\":\"fraud\",\"alert_type\":[\"high_amount\"],"
                                + "\"min_severity\":\"high\",\"user_id\":[\"u-42\"],\"location\":[\"Paris\",\"Oslo\"]}}")
                .post("/subscriptions")
                .then()
                .statusCode(201)
                .header("Location", containsString("/subscriptions/"))
                .body("secret", containsString("whsec_"))
                .body("filter.min_severity", equalTo("high"))
                .extract()
                .path("subscription_id");

        authorized()
                .get("/subscriptions")
                .then()
                .statusCode(200)
                .body("subscription_id", hasItem(id))
                .body("find { it.subscription_id == '" + id + "' }.secret", nullValue())
                .body("find { it.subscription_id == '" + id + "' }.filter.location", hasItem("Oslo"));
        assertThat(latestOnTopic(id))
                .hasValueSatisfying(value -> assertThat(value).contains("\"url\":\"http://127.0.0.1:9/hook\""));

        authorized().delete("/subscriptions/" + id).then().statusCode(204);
        authorized().get("/subscriptions/" + id).then().statusCode(404).contentType("application/problem+json");
        authorized().get("/subscriptions").then().body("subscription_id", not(hasItem(id)));
        assertThat(latestOnTopic(id))
                .as("a tombstone is the latest record of the key")
                .isEmpty();
        authorized().delete("/subscriptions/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    /** The latest value of the key on alert_subscriptions, empty for a tombstone; fails if the key is absent. */
    private static Optional<String> latestOnTopic(String key) {
        try (KafkaConsumer<String, byte[]> consumer = TestAlerts.readFromStart(Topic.ALERT_SUBSCRIPTIONS)) {
            TopicPartition partition = new TopicPartition(Topic.ALERT_SUBSCRIPTIONS.topicName(), 0);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            Map<String, Optional<String>> latest = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(
                            record.key(),
                            Optional.ofNullable(record.value()).map(v -> new String(v, StandardCharsets.UTF_8)));
                }
                return consumer.position(partition) >= end;
            });
            assertThat(latest).containsKey(key);
            return latest.get(key);
        }
    }
}
