package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.FraudRuleJson;
import io.streamsight.events.rules.RuleStatus;
import io.streamsight.localstack.broker.TopicContents;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RulesApiTest {

    private static final String PETS = """
            {"description":"pets over 50","priority":60,
             "condition":{"all":[{"field":"category","op":"eq","value":"Pets"},{"field":"amount","op":"gt","value":50}]},
             "sets":{"alert_type":"pet_spree","severity":"high"}}""";

    private static RequestSpecification alice() {
        return given().header("Authorization", "Bearer alice-test-token").contentType("application/json");
    }

    private static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer test-token").contentType("application/json");
    }

    @Test
    void theDefaultRulesAreListedInEvaluationOrder() {
        List<String> defaults = List.of(
                "amount_over_5000",
                "suspicious_location",
                "amount_over_3000",
                "electronics_over_1000",
                "impossible_travel",
                "velocity",
                "amount_vs_average");
        List<String> listed = given().get("/rules")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("rule.rule_id", String.class);
        assertThat(listed.stream().filter(defaults::contains))
                .as("by priority 10 to 70")
                .containsExactlyElementsOf(defaults);
        given().get("/rules/amount_over_5000")
                .then()
                .statusCode(200)
                .body("source", equalTo("rules_file"))
                .body("offset", nullValue())
                .body("rule.condition.value", equalTo(5000));
        given().get("/rules/velocity")
                .then()
                .statusCode(200)
                .body("rule.pattern.type", equalTo("velocity"))
                .body("rule.pattern.count", equalTo(5))
                .body("rule.pattern.window_seconds", equalTo(120));
    }

    @Test
    void aPutRuleIsOnTheTopicAndShownAtOnce() throws Exception {
        String id = TestAlerts.unique("pets");
        authorized()
                .body(PETS)
                .put("/rules/" + id)
                .then()
                .statusCode(201)
                .header("Location", containsString("/rules/" + id))
                .body("rule.rule_id", equalTo(id))
                .body("source", equalTo("fraud_rules"));

        List<Optional<String>> onTopic = recordsOf(id);
        assertThat(onTopic).hasSize(1);
        JsonNode written = EventJson.mapper().readTree(onTopic.get(0).orElseThrow());
        assertThat(written.path("rule_id").asText()).isEqualTo(id);
        assertThat(FraudRuleJson.read(onTopic.get(0).orElseThrow()).sets().alertType())
                .contains("pet_spree");

        long offset = given().get("/rules/" + id)
                .then()
                .statusCode(200)
                .body("rule.description", equalTo("pets over 50"))
                .body("rule.enabled", equalTo(true))
                .extract()
                .jsonPath()
                .getLong("offset");
        given().get("/rules").then().body("rule.rule_id", hasItems(id, "amount_over_5000"));

        // the same id again, with the id in the body: a replacement
        authorized()
                .body(PETS.replace("\"priority\":60", "\"rule_id\":\"" + id + "\",\"priority\":61"))
                .put("/rules/" + id)
                .then()
                .statusCode(200)
                .body("rule.priority", equalTo(61));
        assertThat(recordsOf(id)).hasSize(2);

        // spark-app's report of the version it applied shows beside the rule
        try (TestAlerts kafka = new TestAlerts()) {
            kafka.send(
                    Topic.FRAUD_RULE_STATUS.topicName(),
                    id,
                    EventJson.write(new RuleStatus(
                            id, RuleStatus.State.ACTIVE, null, offset, Instant.parse("2026-12-02T14:00:00Z"))));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/rules/" + id)
                        .then()
                        .body("pipeline.status", equalTo("active"))
                        .body("pipeline.source_offset", equalTo((int) offset)));
    }

    @Test
    void anInvalidRuleIsRefusedWithTheFieldAndNothingIsWritten() {
        String id = TestAlerts.unique("broken");
        authorized()
                .body(PETS.replace("\"op\":\"gt\"", "\"op\":\"greater\""))
                .put("/rules/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-rule"))
                .body("status", equalTo(400))
                .body("detail", containsString("condition.all[1].op"))
                .body("instance", equalTo("/rules/" + id));
        authorized()
                .body("{\"rule_id\":\"other\",\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1}}")
                .put("/rules/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("'rule_id'"));
        authorized()
                .body("{\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1},\"enabeld\":false}")
                .put("/rules/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("'enabeld'"));
        authorized()
                .body("{not json")
                .put("/rules/" + id)
                .then()
                .statusCode(400)
                .body("type", equalTo("/problems/invalid-rule"));
        authorized().body("").put("/rules/" + id).then().statusCode(400).body("detail", containsString("<document>"));
        authorized()
                .body("{\"pattern\":{\"type\":\"velocity\",\"count\":5,\"window_seconds\":0}}")
                .put("/rules/" + id)
                .then()
                .statusCode(400)
                .body("detail", containsString("'pattern.window_seconds'"));

        assertThat(recordsOf(id)).isEmpty();
        given().get("/rules/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void disableEnableAndDeleteAreRecordsOnTheTopic() throws Exception {
        String id = TestAlerts.unique("pets");
        authorized().body(PETS).put("/rules/" + id).then().statusCode(201);

        authorized().post("/rules/" + id + "/disable").then().statusCode(200).body("rule.enabled", equalTo(false));
        given().get("/rules/" + id).then().body("rule.enabled", equalTo(false)).body("rule.priority", equalTo(60));
        assertThat(FraudRuleJson.read(recordsOf(id).get(1).orElseThrow()).enabled())
                .isFalse();

        authorized().post("/rules/" + id + "/enable").then().statusCode(200).body("rule.enabled", equalTo(true));
        assertThat(FraudRuleJson.read(recordsOf(id).get(2).orElseThrow()).enabled())
                .isTrue();

        authorized().delete("/rules/" + id).then().statusCode(204);
        assertThat(recordsOf(id))
                .as("a tombstone is the latest record of the key")
                .hasSize(4)
                .last()
                .isEqualTo(Optional.empty());
        given().get("/rules/" + id).then().statusCode(404);
        authorized().delete("/rules/" + id).then().statusCode(404).body("type", equalTo("/problems/not-found"));
        authorized().post("/rules/" + id + "/disable").then().statusCode(404);
    }

    @Test
    void aDefaultRuleCanBeDisabledThroughTheTopic() {
        authorized()
                .post("/rules/electronics_over_1000/disable")
                .then()
                .statusCode(200)
                .body("source", equalTo("fraud_rules"))
                .body("rule.enabled", equalTo(false))
                .body("rule.condition.all.size()", equalTo(2));
        authorized()
                .post("/rules/electronics_over_1000/enable")
                .then()
                .statusCode(200)
                .body("rule.enabled", equalTo(true));
        assertThat(recordsOf("electronics_over_1000")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void changesNeedTheToken() {
        String id = TestAlerts.unique("pets");
        given().contentType("application/json")
                .body(PETS)
                .put("/rules/" + id)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("/problems/unauthorized"));
        given().header("Authorization", "Bearer wrong")
                .contentType("application/json")
                .body(PETS)
                .put("/rules/" + id)
                .then()
                .statusCode(401);
        given().post("/rules/amount_over_5000/disable").then().statusCode(401);
        given().post("/rules/amount_over_5000/enable").then().statusCode(401);
        given().delete("/rules/amount_over_5000").then().statusCode(401);
        assertThat(recordsOf(id)).isEmpty();
        given().get("/rules/amount_over_5000").then().statusCode(200).body("rule.enabled", equalTo(true));
    }

    /**
     * Every change is on fraud_rules_audit with its author (the analyst's own token names her), the
     * history numbers the versions, and a rollback puts an earlier version back as a change itself.
     */
    @Test
    void changesAreAuditedWithTheirAuthorAndCanBeRolledBack() throws Exception {
        String id = TestAlerts.unique("pets");
        alice().body(PETS).put("/rules/" + id).then().statusCode(201);
        authorized()
                .body(PETS.replace("\"priority\":60", "\"priority\":70"))
                .put("/rules/" + id)
                .then()
                .statusCode(200);
        alice().post("/rules/" + id + "/disable").then().statusCode(200);

        given().get("/rules/" + id + "/history")
                .then()
                .statusCode(200)
                .body("rule_id", equalTo(id))
                .body("versions.version", contains(1, 2, 3))
                .body("versions.action", contains("put", "put", "disable"))
                .body("versions.actor", contains("alice", "api-token", "alice"))
                .body("versions[0].before", nullValue())
                .body("versions[0].after.priority", equalTo(60))
                .body("versions[1].before.priority", equalTo(60))
                .body("versions[1].after.priority", equalTo(70))
                .body("versions[2].after.enabled", equalTo(false));

        // back to version 1: priority 60 and enabled again, recorded as version 4
        alice().body("{\"version\":1}")
                .post("/rules/" + id + "/rollback")
                .then()
                .statusCode(200)
                .body("rule.priority", equalTo(60))
                .body("rule.enabled", equalTo(true));
        given().get("/rules/" + id + "/history")
                .then()
                .body("versions.action", contains("put", "put", "disable", "rollback"))
                .body("versions[3].rolled_back_to", equalTo(1))
                .body("versions[3].before.enabled", equalTo(false));
        assertThat(FraudRuleJson.read(recordsOf(id).get(3).orElseThrow()).priority())
                .isEqualTo(60);

        // version 0 is before the rule existed: rolling back to it deletes the rule
        alice().body("{\"version\":0}")
                .post("/rules/" + id + "/rollback")
                .then()
                .statusCode(204);
        given().get("/rules/" + id).then().statusCode(404);
        given().get("/rules/" + id + "/history")
                .then()
                .statusCode(200)
                .body("versions.action", hasItems("rollback"))
                .body("versions[4].after", nullValue());

        // the audit trail is the topic's: one record per change, in order, with the fraud_rules offsets
        List<JsonNode> audit =
                TopicContents.readAll(TestAlerts.bootstrapServers(), List.of(Topic.FRAUD_RULES_AUDIT.topicName()))
                        .stream()
                        .filter(r -> id.equals(r.key()))
                        .map(r -> {
                            try {
                                return EventJson.mapper().readTree(r.value());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .toList();
        assertThat(audit)
                .extracting(n -> n.path("actor").asText())
                .containsExactly("alice", "api-token", "alice", "alice", "alice");
        assertThat(audit).extracting(n -> n.path("source_offset").asLong()).isSorted();

        alice().body("{\"version\":9}")
                .post("/rules/" + id + "/rollback")
                .then()
                .statusCode(404);
        alice().body("{\"version\":\"1\"}")
                .post("/rules/" + id + "/rollback")
                .then()
                .statusCode(400);
        given().body("{\"version\":1}")
                .contentType("application/json")
                .post("/rules/" + id + "/rollback")
                .then()
                .statusCode(401);
        given().get("/rules/" + TestAlerts.unique("never") + "/history").then().statusCode(404);
    }

    /** A shadow rule is put like any other, shows its mode, and one call makes it live, recorded in its history. */
    @Test
    void aShadowRuleIsPromotedByOneCall() {
        String id = TestAlerts.unique("shadow");
        alice().body(PETS.replace("\"priority\":60", "\"priority\":60,\"mode\":\"shadow\""))
                .put("/rules/" + id)
                .then()
                .statusCode(201)
                .body("rule.mode", equalTo("shadow"));
        alice().post("/rules/" + id + "/promote")
                .then()
                .statusCode(200)
                .body("rule.mode", nullValue())
                .body("rule.priority", equalTo(60));
        assertThat(FraudRuleJson.read(recordsOf(id).get(1).orElseThrow()).mode())
                .isEqualTo(FraudRule.Mode.LIVE);
        given().get("/rules/" + id + "/history")
                .then()
                .body("versions.action", contains("put", "promote"))
                .body("versions[1].before.mode", equalTo("shadow"))
                .body("versions[1].actor", equalTo("alice"));
        alice().post("/rules/" + id + "/promote").then().statusCode(409).body("field", equalTo("mode"));
        given().post("/rules/" + id + "/promote").then().statusCode(401);
    }

    /** The values of the key on fraud_rules, oldest first; empty for a tombstone. */
    private static List<Optional<String>> recordsOf(String key) {
        return TopicContents.readAll(TestAlerts.bootstrapServers(), List.of(Topic.FRAUD_RULES.topicName())).stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> Optional.ofNullable(r.value()).map(v -> new String(v, StandardCharsets.UTF_8)))
                .toList();
    }
}
