package io.streamsight.spark.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Severity;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.events.UserUpdate;
import io.streamsight.events.rules.RuleStatus;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stateful rules through the real pipeline on the embedded broker: hand-made histories give
 * exactly the expected alerts, with FraudAlert's fields, a user's state expires after its idle
 * expiry of event time (the watermark, driven by later events, not by sleeping), a threshold
 * changed on {@code fraud_rules} applies while the query runs, and shadow rules of both kinds
 * alert on {@code fraud_shadow_alerts} only.
 */
class PatternsPipelineKafkaTest {

    private static final Duration PROCESSED = Duration.ofSeconds(120);
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @RegisterExtension
    static final TransactionRecords records = TransactionRecords.onNewBroker();

    @TempDir
    Path checkpoints;

    @Test
    void handMadeHistoriesGiveExactlyTheExpectedAlertsAndStateExpiresByEventTime() throws Exception {
        for (int i = 1; i <= 7; i++) {
            send("vel-" + i, "vel", "10.00", "Madrid", Duration.ofSeconds(10L * i));
        }
        for (int i = 1; i <= 5; i++) {
            send("avg-" + i, "avg", "20.00", "Madrid", Duration.ofMinutes(i));
            send("ttl-" + i, "ttl", "20.00", "Madrid", Duration.ofMinutes(i));
            send(
                    "control-" + i,
                    "control",
                    "20.00",
                    "Madrid",
                    Duration.ofHours(2).plusMinutes(i));
        }
        send("avg-6", "avg", "100.01", "Madrid", Duration.ofMinutes(6));
        send("trv-1", "trv", "30.00", "Madrid", Duration.ZERO);
        send("trv-2", "trv", "30.00", "Barcelona", Duration.ofMinutes(5));
        send("mov-1", "mov", "30.00", "Madrid", Duration.ZERO);
        records.send(
                Topic.USER_UPDATES, "mov", new UserUpdate("mov", "Valencia", "gold", T.plus(Duration.ofMinutes(3))));
        send("mov-2", "mov", "30.00", "Valencia", Duration.ofMinutes(4));
        send("calm-1", "calm", "30.00", "Madrid", Duration.ZERO);
        send("calm-2", "calm", "40.00", "Madrid", Duration.ofMinutes(30));

        // shadow rules, stateless and stateful: measured on fraud_shadow_alerts, never on fraud_alerts
        records.putRule("books_over_100", """
                {"rule_id":"books_over_100","mode":"shadow","condition":{"all":[
                  {"field":"category","op":"eq","value":"Books"},{"field":"amount","op":"gt","value":100}]}}""", null);
        records.putRule("slow_travel", """
                {"rule_id":"slow_travel","mode":"shadow","pattern":{"type":"impossible_travel","max_speed_kmh":100}}""", null);

        StreamSightSettings settings =
                records.microBatchSettings(checkpoints).withPatternIdleExpiry(Duration.ofHours(1));
        try (StreamSightApp app =
                StreamSightApp.start(SparkTestSession.get(), settings, Set.of(PatternsPipeline.NAME))) {
            records.awaitProcessed(PatternsPipeline.NAME, Topic.TRANSACTIONS);
            // By now the watermark is past ttl's last event plus an hour: its state is gone, control's is not.
            send("ttl-6", "ttl", "150.00", "Madrid", Duration.ofHours(2).plusMinutes(6));
            send("control-6", "control", "150.00", "Madrid", Duration.ofHours(2).plusMinutes(6));
            await().atMost(PROCESSED).until(() -> alerts().containsKey("control-6"));
            records.awaitProcessed(PatternsPipeline.NAME, Topic.TRANSACTIONS);

            // an analyst tightens velocity while the query runs: the next burst is judged by it
            records.putRule("velocity", """
                    {"rule_id":"velocity","pattern":{"type":"velocity","count":2,"window_seconds":60},
                     "sets":{"alert_type":"velocity","severity":"high","risk_score":80}}""", RuleStatus.State.ACTIVE);
            for (int i = 1; i <= 3; i++) {
                send("rt-" + i, "rt", "10.00", "Madrid", Duration.ofHours(3).plusSeconds(10L * i));
            }
            await().atMost(PROCESSED).until(() -> alerts().containsKey("rt-3"));
            records.awaitProcessed(PatternsPipeline.NAME, Topic.TRANSACTIONS);
            assertThat(app.queries()).allSatisfy(q -> assertThat(q.isActive()).isTrue());
        }

        Map<String, FraudAlert> alerts = alerts();
        Map<String, List<String>> rules = new TreeMap<>();
        alerts.forEach((key, alert) -> rules.put(key, alert.rules()));
        assertThat(rules)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("vel-1", List.of("velocity")),
                        Map.entry("vel-2", List.of("velocity")),
                        Map.entry("vel-3", List.of("velocity")),
                        Map.entry("vel-4", List.of("velocity")),
                        Map.entry("vel-5", List.of("velocity")),
                        Map.entry("vel-6", List.of("velocity")),
                        Map.entry("vel-7", List.of("velocity")),
                        Map.entry("avg-6", List.of("amount_vs_average")),
                        Map.entry("trv-2", List.of("impossible_travel")),
                        Map.entry("control-6", List.of("amount_vs_average")),
                        Map.entry("rt-1", List.of("velocity")),
                        Map.entry("rt-2", List.of("velocity")),
                        Map.entry("rt-3", List.of("velocity"))));
        assertThat(alerts.get("rt-1").explanations().get("velocity")).containsExactly("3 payments in 1 min > 2");

        FraudAlert travel = alerts.get("trv-2");
        assertThat(travel.alertId()).isEqualTo(AlertIds.of(AlertIds.FRAUD, "impossible_travel:trv-2"));
        assertThat(travel.userId()).isEqualTo("trv");
        assertThat(travel.amount()).isEqualByComparingTo("30.00");
        assertThat(travel.location()).isEqualTo("Barcelona");
        assertThat(travel.timestamp()).isEqualTo(T.plus(Duration.ofMinutes(5)));
        assertThat(travel.alertType()).isEqualTo("impossible_travel");
        assertThat(travel.severity()).isEqualTo(Severity.HIGH);
        assertThat(travel.riskScore()).isEqualTo(90);
        assertThat(alerts.get("vel-1").alertType()).isEqualTo("velocity");
        assertThat(alerts.get("avg-6").alertType()).isEqualTo("unusual_amount");
        assertThat(records.readAll(Topic.FRAUD_ALERTS))
                .allSatisfy(r -> assertThat(TransactionRecords.text(r.key()))
                        .isEqualTo(EventJson.read(r.value(), FraudAlert.class).userId()));
        assertThat(travel.explanations().get("impossible_travel"))
                .singleElement()
                .asString()
                .startsWith("Madrid -> Barcelona ");

        List<FraudAlert> shadow = TransactionRecords.values(records.readAll(Topic.FRAUD_SHADOW_ALERTS)).stream()
                .map(json -> EventJson.read(json, FraudAlert.class))
                .toList();
        assertThat(shadow)
                .extracting(alert -> alert.rules() + " " + alert.transactionId())
                .containsExactlyInAnyOrder(
                        "[books_over_100] avg-6",
                        "[books_over_100] ttl-6",
                        "[books_over_100] control-6",
                        "[slow_travel] trv-2");
        assertThat(shadow)
                .filteredOn(alert -> alert.rules().contains("books_over_100"))
                .allSatisfy(alert -> {
                    assertThat(alert.alertId())
                            .isEqualTo(AlertIds.of(AlertIds.FRAUD, "shadow:" + alert.transactionId()));
                    assertThat(alert.explanations().get("books_over_100")).contains("category Books = Books");
                });
        FraudAlert slow = shadow.stream()
                .filter(alert -> alert.rules().contains("slow_travel"))
                .findFirst()
                .orElseThrow();
        assertThat(slow.alertId()).isEqualTo(AlertIds.of(AlertIds.FRAUD, "slow_travel:trv-2"));
        assertThat(slow.alertType()).isEqualTo("impossible_travel");
        assertThat(slow.explanations().get("slow_travel"))
                .singleElement()
                .asString()
                .endsWith("> 100 km/h)");
    }

    private static void send(String id, String user, String amount, String city, Duration after) {
        records.send(new Transaction(id, user, new BigDecimal(amount), "EUR", "Shop", "Books", city, T.plus(after)));
    }

    /** Alerts by transaction id; each transaction here matches at most one rule. */
    private static Map<String, FraudAlert> alerts() {
        return TransactionRecords.values(records.readAll(Topic.FRAUD_ALERTS)).stream()
                .map(json -> EventJson.read(json, FraudAlert.class))
                .collect(Collectors.toMap(FraudAlert::transactionId, a -> a, (a, b) -> {
                    throw new AssertionError("two alerts for " + a.transactionId() + ": " + a + " and " + b);
                }));
    }
}
