package io.streamsight.spark.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Severity;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.events.rules.RuleStatus;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.pipeline.FraudRules;
import io.streamsight.spark.pipeline.StreamSightSettings;
import io.streamsight.spark.pipeline.StreamSightSettings.FraudTrigger;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rules changed on {@code fraud_rules} while the fraud query runs, in both trigger modes: a new
 * rule flags the next matching transaction, a disabled rule stops flagging, an invalid version is
 * rejected with its reason on {@code fraud_rule_status} while the previous version keeps working,
 * and a tombstone deletes a rule. "Next" means after the pipeline reported the change applied;
 * every transaction here has the same user, so one partition keeps them in order, and a marker
 * transaction flagged by a default rule proves the ones before it were evaluated.
 */
class LiveRulesKafkaTest {

    private static final Duration PROCESSED = Duration.ofSeconds(90);
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    @RegisterExtension
    static final TransactionRecords records = TransactionRecords.onNewBroker();

    @TempDir
    Path checkpoints;

    @ParameterizedTest
    @EnumSource(FraudTrigger.class)
    void ruleChangesApplyToTheNextTransactionsWithoutARestart(FraudTrigger trigger) throws Exception {
        String p = trigger.name().toLowerCase() + "-";
        String petsRule = p + "pets_over_50";
        StreamSightSettings settings = new StreamSightSettings(
                records.bootstrapServers(),
                checkpoints.toUri().toString(),
                trigger,
                "2 seconds",
                "0 seconds",
                "earliest",
                Optional.empty(),
                FraudRules.defaults());
        try (StreamSightApp app = StreamSightApp.start(SparkTestSession.get(), settings, Set.of("fraud"))) {
            records.send(tx(p + "pets-before", "60.00", "Pets"));
            sendAndAwaitMarker(p, 0);
            records.putRule(petsRule, """
                    {"rule_id":"%s","description":"pet shop payments over 50","priority":50,
                     "condition":{"all":[{"field":"category","op":"eq","value":"Pets"},{"field":"amount","op":"gt","value":50}]},
                     "sets":{"alert_type":"pet_spree","severity":"high","risk_score":80}}""".formatted(petsRule), RuleStatus.State.ACTIVE);
            records.send(tx(p + "pets-on", "60.00", "Pets"));
            sendAndAwaitMarker(p, 1);
            FraudAlert pets = alert(p + "pets-on");
            assertThat(pets.rules()).containsExactly(petsRule);
            assertThat(pets.alertType()).isEqualTo("pet_spree");
            assertThat(pets.severity()).isEqualTo(Severity.HIGH);
            assertThat(pets.riskScore()).isEqualTo(80);
            assertThat(alertIds(p)).doesNotContain(p + "pets-before");

            records.putRule(petsRule, """
                    {"rule_id":"%s","enabled":false,
                     "condition":{"all":[{"field":"category","op":"eq","value":"Pets"},{"field":"amount","op":"gt","value":50}]}}""".formatted(petsRule), RuleStatus.State.ACTIVE);
            records.send(tx(p + "pets-off", "70.00", "Pets"));
            sendAndAwaitMarker(p, 2);
            assertThat(alertIds(p)).doesNotContain(p + "pets-off");

            RuleStatus rejected = records.putRule("electronics_over_1000", """
                    {"rule_id":"electronics_over_1000","condition":{"field":"amount","op":"gt","value":"a lot"}}""", RuleStatus.State.REJECTED);
            assertThat(rejected.reason())
                    .isEqualTo("field 'condition.value': must be a number for 'amount', was \"a lot\"");
            records.send(tx(p + "laptop", "1500.00", "Electronics"));
            sendAndAwaitMarker(p, 3);
            assertThat(alert(p + "laptop").rules()).containsExactly("electronics_over_1000");

            records.putRule("electronics_over_1000", null, RuleStatus.State.DELETED);
            records.send(tx(p + "laptop-after-delete", "1500.00", "Electronics"));
            sendAndAwaitMarker(p, 4);
            assertThat(alertIds(p)).doesNotContain(p + "laptop-after-delete");
            assertThat(app.queries()).allSatisfy(q -> assertThat(q.isActive()).isTrue());
        } finally {
            records.putRule("electronics_over_1000", """
                    {"rule_id":"electronics_over_1000","priority":40,"condition":{"all":[
                     {"field":"category","op":"eq","value":"Electronics"},{"field":"amount","op":"gt","value":1000}]}}""", null);
        }
    }

    private static Transaction tx(String id, String amount, String category) {
        return new Transaction(id, "live-rules-user", new BigDecimal(amount), "EUR", "Shop", category, "Madrid", AT);
    }

    /** A transaction every default rule set flags, and the wait until its alert is out. */
    private static void sendAndAwaitMarker(String prefix, int n) {
        String id = prefix + "marker-" + n;
        records.send(tx(id, "6000.00", "Home"));
        await().atMost(PROCESSED).until(() -> alertIds(prefix).contains(id));
    }

    private static List<String> alertIds(String prefix) {
        return alerts().stream()
                .map(FraudAlert::transactionId)
                .filter(id -> id.startsWith(prefix))
                .toList();
    }

    private static FraudAlert alert(String transactionId) {
        return alerts().stream()
                .filter(a -> a.transactionId().equals(transactionId))
                .findFirst()
                .orElseThrow();
    }

    private static List<FraudAlert> alerts() {
        return TransactionRecords.values(records.readAll(Topic.FRAUD_ALERTS)).stream()
                .map(json -> EventJson.read(json, FraudAlert.class))
                .toList();
    }
}
