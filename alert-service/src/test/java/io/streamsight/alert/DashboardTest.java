package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.Topic;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DashboardTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI dashboard;

    @Test
    void theDashboardShowsAFreshlyPublishedAlertAndTheLocationChart() throws Exception {
        String user = TestAlerts.unique("user");
        String location = TestAlerts.unique("city");
        try (HeadlessChromium chromium = new HeadlessChromium();
                TestAlerts kafka = new TestAlerts()) {
            chromium.open(dashboard);
            await().atMost(WAIT)
                    .until(() -> "live"
                            .equals(chromium.evaluate("return document.getElementById('connection').textContent")
                                    .asText()));

            FraudAlert alert = TestAlerts.fraud(user, location, "11000.00");
            kafka.publish(alert);
            Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            kafka.send(Topic.TRANSACTION_ANALYTICS.topicName(), location, """
                    {"location":"%s","window_start":"%s","window_end":"%s","transaction_count":42,
                     "total_amount":4200.00,"avg_amount":100.00,"max_amount":900.00}""".formatted(
                            location, end.minus(Duration.ofMinutes(5)), end));

            String selector = "#feed li[data-alert-id=\"" + alert.alertId() + "\"]";
            await().atMost(WAIT)
                    .until(() -> chromium.evaluate("return document.querySelector('" + selector + "') !== null")
                            .asBoolean());
            assertThat(chromium.evaluate("return document.querySelector('" + selector + "').textContent")
                            .asText())
                    .contains(user)
                    .contains("11000")
                    .contains("critical");
            assertThat(chromium.evaluate("return document.querySelector('" + selector + " ul.why').textContent")
                            .asText())
                    .as("why it fired, per rule")
                    .isEqualTo("amount_over_5000: amount 11000.00 > 5000");

            // an analyst with her own token acknowledges the alert, then labels it fraud
            chromium.evaluate("const t = document.getElementById('token'); t.value = 'alice-test-token';"
                    + " t.dispatchEvent(new Event('change')); return true");
            String badge = "return document.querySelector('" + selector + " .triage-state').textContent";
            assertThat(chromium.evaluate(badge).asText()).isEqualTo("open");
            chromium.evaluate(
                    "document.querySelector('" + selector + " button[data-triage=ack]').click(); return true");
            await().atMost(WAIT).until(() -> chromium.evaluate(badge).asText().equals("acknowledged"));
            chromium.evaluate(
                    "document.querySelector('" + selector + " button[data-triage=fraud]').click(); return true");
            await().atMost(WAIT).until(() -> chromium.evaluate(badge).asText().equals("resolved · fraud"));
            given().get("/alerts/" + alert.alertId() + "/triage")
                    .then()
                    .body("disposition", equalTo("fraud"))
                    .body("updated_by", equalTo("alice"));
            await().atMost(WAIT)
                    .until(() -> chromium.evaluate("return document.querySelector('#legend li[data-location=\""
                                    + location + "\"]') !== null")
                            .asBoolean());
            assertThat(chromium.evaluate("return document.querySelector('#chart polyline[data-location=\"" + location
                                    + "\"]').getAttribute('points')")
                            .asText())
                    .isNotBlank();
            // lag alerts of other tests' consumer groups count too: wait for this alert's type
            await().atMost(WAIT)
                    .until(() -> chromium.evaluate("return document.getElementById('by-type').textContent")
                            .asText()
                            .contains("high_amount"));
            assertThat(chromium.evaluate("return Number(document.getElementById('total').textContent)")
                            .asInt())
                    .isPositive();
        }
    }

    @Test
    void theLatencyPanelShowsDetectionLatencyOfTimedAlerts() throws Exception {
        try (TestAlerts kafka = new TestAlerts()) {
            kafka.sendDetected(
                    TestAlerts.fraud(TestAlerts.unique("timed"), "Madrid", "9000.00"),
                    Instant.now().minusMillis(120));
        }
        await().atMost(WAIT).until(() -> given().get("/latency").asString().contains("\"received\""));
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(dashboard);
            String row = "#latency-stages tr[data-stage=\"received\"]";
            await().atMost(WAIT)
                    .until(() -> chromium.evaluate("return document.querySelector('" + row + "') !== null")
                            .asBoolean());
            JsonNode cells = chromium.evaluate(
                    "return [...document.querySelectorAll('" + row + " td')].map(c => c.textContent)");
            assertThat(cells.get(0).asText()).isEqualTo("received");
            // p50, p99, max in milliseconds: numbers, at least the 120 ms the alert says its detection took
            for (int i = 1; i <= 3; i++) {
                assertThat(Double.parseDouble(cells.get(i).asText()))
                        .as(cells.toString())
                        .isGreaterThanOrEqualTo(110);
            }
            assertThat(Long.parseLong(cells.get(4).asText())).isPositive();
            assertThat(chromium.evaluate("return document.getElementById('latency-window').textContent")
                            .asText())
                    .isEqualTo("(last 5m)");
        }
    }

    @Test
    void theLagPanelShowsAConsumerGroupWithItsLag() throws Exception {
        String group = TestAlerts.unique("dashboard-group");
        TopicPartition partition = new TopicPartition(Topic.USER_ACTIVITY.topicName(), 0);
        try (HeadlessChromium chromium = new HeadlessChromium();
                TestAlerts kafka = new TestAlerts();
                Admin admin = Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestAlerts.bootstrapServers()))) {
            for (int i = 0; i < 7; i++) {
                kafka.send(partition, "{}");
            }
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .partitionResult(partition)
                    .get()
                    .offset();
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(end - 7)))
                    .all()
                    .get();
            await().atMost(WAIT).until(() -> given().get("/lag/" + group).statusCode() == 200);

            chromium.open(dashboard);
            String row = "#lag-groups tr[data-group=\"" + group + "\"]";
            await().atMost(WAIT)
                    .until(() -> chromium.evaluate("return document.querySelector('" + row + "') !== null")
                            .asBoolean());
            assertThat(chromium.evaluate(
                            "return [...document.querySelectorAll('" + row + " td')].map(c => c.textContent)"))
                    .extracting(JsonNode::asText)
                    .startsWith(group, "OK", "0", "7", "7");
        }
    }

    @Test
    void theDashboardShowsDetectionQualityPerPatternAndRule() throws Exception {
        String pattern = TestAlerts.unique("pattern");
        String rule = TestAlerts.unique("rule");
        try (TestAlerts kafka = new TestAlerts()) {
            // already settled: first seen ten seconds ago
            Instant at = Instant.now().minusSeconds(10);
            FraudAlert caught = TestAlerts.fraud("user-q", "Madrid", "6000.00");
            kafka.send(
                    Topic.FRAUD_GROUND_TRUTH.topicName(),
                    caught.transactionId(),
                    EventJson.write(new FraudGroundTruth(caught.transactionId(), caught.userId(), pattern, at)),
                    at);
            kafka.send(
                    Topic.FRAUD_GROUND_TRUTH.topicName(),
                    "missed-" + pattern,
                    EventJson.write(new FraudGroundTruth("missed-" + pattern, caught.userId(), pattern, at)),
                    at);
            FraudAlert alert = new FraudAlert(
                    caught.alertId(),
                    caught.transactionId(),
                    caught.userId(),
                    caught.amount(),
                    caught.category(),
                    caught.merchant(),
                    caught.location(),
                    at,
                    caught.alertType(),
                    caught.severity(),
                    caught.riskScore(),
                    List.of(rule),
                    at,
                    null);
            kafka.send(Topic.FRAUD_ALERTS.topicName(), alert.userId(), EventJson.write(alert), at);
        }
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(dashboard);
            String patternRow = "#quality-patterns tr[data-pattern=\"" + pattern + "\"]";
            String ruleRow = "#quality-rules tr[data-rule=\"" + rule + "\"]";
            await().atMost(WAIT)
                    .until(() -> chromium.evaluate("return document.querySelector('" + patternRow + "') !== null"
                                    + " && document.querySelector('" + ruleRow + "') !== null")
                            .asBoolean());
            assertThat(chromium.evaluate("return document.querySelector('" + patternRow + "').textContent")
                            .asText())
                    .contains("50.0%")
                    .contains("1 / 2")
                    .contains(rule + " 1");
            assertThat(chromium.evaluate("return document.querySelector('" + ruleRow + "').textContent")
                            .asText())
                    .contains("100.0%");
            assertThat(chromium.evaluate("return document.getElementById('quality-overall').textContent")
                            .asText())
                    .contains("precision")
                    .contains("recall");
        }
    }
}
