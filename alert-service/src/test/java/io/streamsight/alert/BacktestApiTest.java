package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.streamsight.alert.backtest.BacktestReport;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.localstack.broker.TopicContents;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class BacktestApiTest {

    private static RequestSpecification alice() {
        return given().header("Authorization", "Bearer alice-test-token").contentType("application/json");
    }

    /**
     * Seven transactions, three of them fraud by the ground truth; the candidate adds a rule for
     * their town and switches amount_over_3000 off. Every count is known in advance.
     */
    @Test
    void aBacktestCountsWhatTheCandidateRulesWouldFlagBesideTheRulesInForce() throws Exception {
        String town = TestAlerts.unique("Backtestville");
        String user = TestAlerts.unique("user");
        Instant from = Instant.now().minusMillis(5);
        Map<String, String> amounts = new LinkedHashMap<>();
        amounts.put("t1", "6000.00");
        amounts.put("t2", "4000.00");
        amounts.put("t3", "100.00");
        amounts.put("t4", "100.00");
        amounts.put("t5", "100.00");
        amounts.put("t6", "100.00");
        amounts.put("t7", "50.00");
        List<String> fraud = List.of("t1", "t3", "t4");
        String t2 = null;
        try (TestAlerts kafka = new TestAlerts()) {
            for (Map.Entry<String, String> tx : amounts.entrySet()) {
                String id = town + "-" + tx.getKey();
                if (tx.getKey().equals("t2")) {
                    t2 = id;
                }
                String location = List.of("t3", "t4", "t5", "t6").contains(tx.getKey()) ? town : "Elsewhere";
                kafka.send(
                        Topic.TRANSACTIONS.topicName(),
                        user,
                        EventJson.write(new Transaction(
                                id,
                                user,
                                new BigDecimal(tx.getValue()),
                                "EUR",
                                "Corner shop",
                                "Groceries",
                                location,
                                Instant.now())));
                if (fraud.contains(tx.getKey())) {
                    kafka.send(
                            Topic.FRAUD_GROUND_TRUTH.topicName(),
                            id,
                            EventJson.write(new FraudGroundTruth(id, user, "test_pattern", Instant.now())));
                }
            }
        }
        Instant until = Instant.now().plusMillis(5);

        String body = """
                {"from":"%s","until":"%s","rules":[
                  {"rule_id":"backtest_town","condition":{"field":"location","op":"eq","value":"%s"}},
                  {"rule_id":"amount_over_3000","enabled":false,"priority":30,
                   "condition":{"field":"amount","op":"gt","value":3000}}]}""".formatted(from, until, town);
        String location = alice().body(body)
                .post("/rules/backtest")
                .then()
                .statusCode(202)
                .body("state", oneOf("queued", "running", "succeeded"))
                .body("requested_by", equalTo("alice"))
                .extract()
                .header("Location");
        assertThat(location).contains("/rules/backtest/bt-");

        JsonPath done = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> given().get(location)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        job -> "succeeded".equals(job.getString("state")));
        assertThat(done.getLong("progress.read")).isEqualTo(7).isEqualTo(done.getLong("progress.total"));
        assertThat(done.getLong("result.transactions")).isEqualTo(7);
        assertThat(done.getLong("result.fraudulent")).isEqualTo(3);
        assertThat(done.getString("result.ground_truth_source")).contains("fraud_ground_truth");
        assertThat(done.getLong("result.in_force.flagged")).isEqualTo(2);
        assertThat(done.getLong("result.in_force.true_positives")).isEqualTo(1);
        assertThat(done.getLong("result.candidate.flagged")).isEqualTo(5);
        assertThat(done.getLong("result.candidate.true_positives")).isEqualTo(3);
        assertThat(done.getDouble("result.candidate.recall")).isEqualTo(1.0);

        Map<String, Object> over5000 = rule(done, "amount_over_5000");
        assertThat(over5000).extractingByKey("in_force").asString().contains("flagged=1");
        assertThat(rule(done, "amount_over_3000").toString())
                .contains("in_force={flagged=2, true_positives=1")
                .contains("candidate={flagged=0, true_positives=0");
        assertThat(rule(done, "backtest_town"))
                .containsEntry("in_force", null)
                .extractingByKey("candidate")
                .asString()
                .contains("flagged=4", "true_positives=2", "precision=0.5", "recall=0.6666");

        assertThat(done.getLong("result.newly_flagged")).isEqualTo(4);
        assertThat(done.getLong("result.no_longer_flagged")).isEqualTo(1);
        assertThat(done.getList("result.changed.transaction_id", String.class))
                .hasSize(5)
                .contains(t2);
        assertThat(done.getList("result.changed.findAll { it.transaction_id == '" + t2 + "' }.candidate_rules"))
                .containsExactly(List.of());

        // the report every replica reads (written just after the job ends here): the same result
        String id = location.substring(location.lastIndexOf('/') + 1);
        BacktestReport shared = await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                TopicContents.readAll(
                                                TestAlerts.bootstrapServers(),
                                                List.of(Topic.RULE_BACKTESTS.topicName()))
                                        .stream()
                                        .filter(record -> id.equals(record.key()))
                                        .reduce((first, second) -> second)
                                        .map(record -> EventJson.read(record.value(), BacktestReport.class))
                                        .orElseThrow(),
                        report -> report.state() == BacktestReport.State.SUCCEEDED);
        assertThat(shared.result().candidate().flagged()).isEqualTo(5);
        assertThat(shared.requestedBy()).isEqualTo("alice");
    }

    /**
     * Behind a Service the GET may reach another replica than the POST did: reports on
     * rule_backtests are answered by every replica, and one whose replica stopped reporting is failed.
     */
    @Test
    void aBacktestOfAnotherReplicaIsAnsweredHereAndOneWhoseReplicaStoppedHasFailed() {
        Instant now = Instant.now();
        BacktestReport elsewhere = running("bt-elsewhere-" + TestAlerts.unique("r"), now);
        BacktestReport abandoned = running("bt-abandoned-" + TestAlerts.unique("r"), now.minus(Duration.ofMinutes(10)));
        try (TestAlerts kafka = new TestAlerts()) {
            kafka.send(Topic.RULE_BACKTESTS.topicName(), elsewhere.id(), EventJson.write(elsewhere));
            kafka.send(Topic.RULE_BACKTESTS.topicName(), abandoned.id(), EventJson.write(abandoned));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/rules/backtest/" + elsewhere.id())
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("running"))
                        .body("progress.read", equalTo(40))
                        .body("requested_by", equalTo("bob")));
        given().get("/rules/backtest/" + abandoned.id())
                .then()
                .statusCode(200)
                .body("state", equalTo("failed"))
                .body("error", containsString("abandoned"));
    }

    private static BacktestReport running(String id, Instant updatedAt) {
        return new BacktestReport(
                id,
                BacktestReport.State.RUNNING,
                "bob",
                updatedAt.minus(Duration.ofHours(1)),
                updatedAt,
                updatedAt.minusSeconds(30),
                null,
                updatedAt,
                new BacktestReport.Progress(40, 100),
                null,
                null);
    }

    @Test
    void aBadRequestIsRefusedWithTheFieldAndNoJobStarts() {
        alice().body(
                        "{\"rules\":[{\"rule_id\":\"x\",\"condition\":{\"field\":\"amount\",\"op\":\"greater\",\"value\":1}}]}")
                .post("/rules/backtest")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("rules[0].condition.op"));
        alice().body("{\"rules\":[],\"from\":\"yesterday\"}")
                .post("/rules/backtest")
                .then()
                .statusCode(400)
                .body("field", equalTo("from"));
        alice().body("{\"rules\":[],\"from\":\"2026-12-02T10:00:00Z\",\"until\":\"2026-12-01T10:00:00Z\"}")
                .post("/rules/backtest")
                .then()
                .statusCode(400)
                .body("detail", containsString("before 'until'"));
        alice().body("{\"rules\":[],\"since\":\"2026-12-02T10:00:00Z\"}")
                .post("/rules/backtest")
                .then()
                .statusCode(400)
                .body("field", equalTo("since"));
        alice().body("[]").post("/rules/backtest").then().statusCode(400);
        given().contentType("application/json")
                .body("{\"rules\":[]}")
                .post("/rules/backtest")
                .then()
                .statusCode(401);
        given().get("/rules/backtest/bt-nope").then().statusCode(404).contentType("application/problem+json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rule(JsonPath job, String ruleId) {
        return (Map<String, Object>) job.getList("result.rules", Map.class).stream()
                .filter(r -> ruleId.equals(r.get("rule_id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + ruleId + " in " + job.prettify()));
    }
}
