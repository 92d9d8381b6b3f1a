package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Topic;
import io.streamsight.localstack.broker.TopicContents;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TriageApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RequestSpecification alice() {
        return given().header("Authorization", "Bearer alice-test-token").contentType("application/json");
    }

    @Test
    void anAnalystAcknowledgesAndLabelsAnAlertAndEveryChangeIsOnTheTopic() {
        FraudAlert alert = TestAlerts.fraud(TestAlerts.unique("user"), "Madrid", "7000.00");
        try (TestAlerts kafka = new TestAlerts()) {
            kafka.publish(alert);
        }
        String triage = "/alerts/" + alert.alertId() + "/triage";
        await().atMost(WAIT)
                .untilAsserted(() -> given().get(triage)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("open"))
                        .body("transaction_id", equalTo(alert.transactionId()))
                        .body("disposition", nullValue()));

        alice().body("{\"state\":\"acknowledged\",\"assignee\":\"alice\"}")
                .put(triage)
                .then()
                .statusCode(200)
                .body("state", equalTo("acknowledged"))
                .body("assignee", equalTo("alice"))
                .body("updated_by", equalTo("alice"));
        given().header("Authorization", "Bearer test-token")
                .contentType("application/json")
                .body("{\"state\":\"resolved\",\"disposition\":\"legitimate\",\"note\":\"customer confirmed\"}")
                .put(triage)
                .then()
                .statusCode(200)
                .body("state", equalTo("resolved"))
                .body("assignee", equalTo("alice"))
                .body("disposition", equalTo("legitimate"))
                .body("updated_by", equalTo("api-token"));
        given().get(triage).then().body("note", equalTo("customer confirmed"));
        given().get("/triage").then().statusCode(200).body("alert_id", hasItem(alert.alertId()));

        List<JsonNode> onTopic =
                TopicContents.readAll(TestAlerts.bootstrapServers(), List.of(Topic.ALERT_LABELS.topicName())).stream()
                        .filter(r -> alert.alertId().equals(r.key()))
                        .map(r -> tree(r.value()))
                        .toList();
        assertThat(onTopic).extracting(n -> n.path("state").asText()).containsExactly("acknowledged", "resolved");

        alice().body("{\"state\":\"done\"}").put(triage).then().statusCode(400).body("field", equalTo("state"));
        alice().body("{\"disposition\":\"maybe\"}").put(triage).then().statusCode(400);
        alice().body("{\"owner\":\"bob\"}").put(triage).then().statusCode(400).body("field", equalTo("owner"));
        alice().body("{}").put(triage).then().statusCode(400);
        given().contentType("application/json")
                .body("{\"state\":\"open\"}")
                .put(triage)
                .then()
                .statusCode(401);
        alice().body("{\"state\":\"open\"}")
                .put("/alerts/nope-" + UUID.randomUUID() + "/triage")
                .then()
                .statusCode(404);
        given().get("/triage?limit=0").then().statusCode(400);
    }

    /**
     * An alert the generator's ground truth does not call fraud is a false positive of its rule
     * until an analyst labels it fraud; clearing the label puts it back.
     */
    @Test
    void aLabelIsTheTruthForDetectionQuality() {
        String rule = TestAlerts.unique("rule_t");
        String transactionId = UUID.randomUUID().toString();
        Instant at = Instant.now().minusSeconds(30);
        FraudAlert alert = TestAlerts.flagged(AlertIds.of(AlertIds.FRAUD, transactionId), transactionId, rule, at);
        try (TestAlerts kafka = new TestAlerts()) {
            kafka.send(Topic.FRAUD_ALERTS.topicName(), alert.userId(), EventJson.write(alert), at);
        }
        String triage = "/alerts/" + alert.alertId() + "/triage";
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode quality = rule(rule);
            assertThat(quality.path("false_positives").asLong()).isEqualTo(1);
            assertThat(quality.path("true_positives").asLong()).isZero();
        });
        await().atMost(WAIT).untilAsserted(() -> given().get(triage).then().statusCode(200));

        alice().body("{\"disposition\":\"fraud\"}").put(triage).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode quality = rule(rule);
            assertThat(quality.path("true_positives").asLong()).isEqualTo(1);
            assertThat(quality.path("false_positives").asLong()).isZero();
            JsonNode snapshot = tree(given().get("/quality").asByteArray());
            assertThat(snapshot.path("labelled").asLong()).isPositive();
            assertThat(snapshot.path("truth_source").asText()).contains("alert_labels");
        });

        alice().body("{\"disposition\":null}")
                .put(triage)
                .then()
                .statusCode(200)
                .body("disposition", nullValue());
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(rule(rule).path("false_positives").asLong()).isEqualTo(1));
    }

    private static JsonNode rule(String ruleId) {
        JsonNode quality =
                tree(given().get("/quality").then().statusCode(200).extract().asByteArray());
        for (JsonNode rule : quality.path("rules")) {
            if (rule.path("rule_id").asText().equals(ruleId)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + ruleId + " in " + quality);
    }

    private static JsonNode tree(byte[] json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
