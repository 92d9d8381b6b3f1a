package io.streamsight.spark.fraud;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Severity;
import io.streamsight.events.rules.FraudRuleJson;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.input.TransactionParser;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.pipeline.FraudRules;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md section 7 at every boundary, as the shipped default rules file expresses it, on a static
 * Dataset through the same JSON the Kafka sink writes.
 */
class FraudDetectionTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");

    /** One transaction of the table and the alert it must give, or none (rules empty). */
    private record Case(
            String amount,
            String category,
            String location,
            List<String> rules,
            String alertType,
            Severity severity,
            Integer riskScore) {

        String id() {
            return "tx-" + amount + "-" + category + "-" + location;
        }
    }

    private static Case none(String amount, String category, String location) {
        return new Case(amount, category, location, List.of(), null, null, null);
    }

    private static Case alert(
            String amount,
            String category,
            String location,
            List<String> rules,
            String alertType,
            Severity severity,
            int riskScore) {
        return new Case(amount, category, location, rules, alertType, severity, riskScore);
    }

    private static final String AMOUNT_OVER_5000 = "amount_over_5000";
    private static final String SUSPICIOUS_LOCATION = "suspicious_location";
    private static final String AMOUNT_OVER_3000 = "amount_over_3000";
    private static final String ELECTRONICS_OVER_1000 = "electronics_over_1000";
    private static final String SUSPICIOUS_1 = "suspicious_country1";
    private static final String SUSPICIOUS_2 = "suspicious_country2";

    private static final List<Case> TABLE = List.of(
            none("0.01", "Groceries", "Madrid"),
            none("500.00", "Groceries", "Madrid"),
            none("500.01", "Groceries", "Madrid"),
            none("1000.00", "Electronics", "Madrid"),
            none("1000.01", "Groceries", "Madrid"),
            alert(
                    "1000.01",
                    "Electronics",
                    "Madrid",
                    List.of(ELECTRONICS_OVER_1000),
                    "general_alert",
                    Severity.MEDIUM,
                    75),
            none("3000.00", "Groceries", "Madrid"),
            alert(
                    "3000.00",
                    "Electronics",
                    "Madrid",
                    List.of(ELECTRONICS_OVER_1000),
                    "general_alert",
                    Severity.MEDIUM,
                    75),
            alert("3000.01", "Groceries", "Madrid", List.of(AMOUNT_OVER_3000), "general_alert", Severity.MEDIUM, 100),
            alert(
                    "3000.01",
                    "Electronics",
                    "Madrid",
                    List.of(AMOUNT_OVER_3000, ELECTRONICS_OVER_1000),
                    "general_alert",
                    Severity.MEDIUM,
                    100),
            alert("5000.00", "Groceries", "Madrid", List.of(AMOUNT_OVER_3000), "general_alert", Severity.MEDIUM, 100),
            alert(
                    "5000.01",
                    "Groceries",
                    "Madrid",
                    List.of(AMOUNT_OVER_5000, AMOUNT_OVER_3000),
                    "general_alert",
                    Severity.HIGH,
                    100),
            alert(
                    "10000.00",
                    "Electronics",
                    "Madrid",
                    List.of(AMOUNT_OVER_5000, AMOUNT_OVER_3000, ELECTRONICS_OVER_1000),
                    "general_alert",
                    Severity.HIGH,
                    100),
            alert(
                    "10000.01",
                    "Groceries",
                    "Madrid",
                    List.of(AMOUNT_OVER_5000, AMOUNT_OVER_3000),
                    "high_amount",
                    Severity.CRITICAL,
                    100),
            alert(
                    "10000.01",
                    "Electronics",
                    SUSPICIOUS_1,
                    List.of(AMOUNT_OVER_5000, SUSPICIOUS_LOCATION, AMOUNT_OVER_3000, ELECTRONICS_OVER_1000),
                    "high_amount",
                    Severity.CRITICAL,
                    100),
            alert(
                    "0.01",
                    "Groceries",
                    SUSPICIOUS_2,
                    List.of(SUSPICIOUS_LOCATION),
                    "suspicious_location",
                    Severity.MEDIUM,
                    25),
            alert(
                    "500.00",
                    "Groceries",
                    SUSPICIOUS_1,
                    List.of(SUSPICIOUS_LOCATION),
                    "suspicious_location",
                    Severity.MEDIUM,
                    25),
            alert(
                    "500.01",
                    "Groceries",
                    SUSPICIOUS_2,
                    List.of(SUSPICIOUS_LOCATION),
                    "suspicious_location",
                    Severity.MEDIUM,
                    50),
            alert(
                    "1000.01",
                    "Electronics",
                    SUSPICIOUS_1,
                    List.of(SUSPICIOUS_LOCATION, ELECTRONICS_OVER_1000),
                    "suspicious_location",
                    Severity.MEDIUM,
                    75),
            alert(
                    "5000.01",
                    "Groceries",
                    SUSPICIOUS_2,
                    List.of(AMOUNT_OVER_5000, SUSPICIOUS_LOCATION, AMOUNT_OVER_3000),
                    "suspicious_location",
                    Severity.HIGH,
                    100),
            // Exact, case-sensitive names: a look-alike is a normal location.
            none("500.01", "Groceries", "Suspicious_Country1"),
            none("999.99", "electronics", "Madrid"));

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void everyBoundaryGivesExactlyTheExpectedAlert() {
        Instant before = Instant.now();
        Map<String, FraudAlert> alerts =
                alertsOf(new FraudDetection(RuleBookSource.fixed(FraudRules.defaults())), TABLE);
        Instant after = Instant.now();

        List<Case> flagged = TABLE.stream().filter(c -> !c.rules().isEmpty()).toList();
        assertThat(alerts.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        flagged.stream().map(Case::id).toList());
        for (Case c : flagged) {
            FraudAlert alert = alerts.get(c.id());
            assertThat(alert.alertId()).as(c.id()).isEqualTo(AlertIds.of(AlertIds.FRAUD, c.id()));
            assertThat(alert.userId()).as(c.id()).isEqualTo("user-" + c.id());
            assertThat(alert.amount()).as(c.id()).isEqualByComparingTo(new BigDecimal(c.amount()));
            assertThat(alert.category()).as(c.id()).isEqualTo(c.category());
            assertThat(alert.merchant()).as(c.id()).isEqualTo("Shop");
            assertThat(alert.location()).as(c.id()).isEqualTo(c.location());
            assertThat(alert.timestamp()).as(c.id()).isEqualTo(AT);
            assertThat(alert.rules()).as(c.id()).containsExactlyElementsOf(c.rules());
            assertThat(alert.alertType()).as(c.id()).isEqualTo(c.alertType());
            assertThat(alert.severity()).as(c.id()).isEqualTo(c.severity());
            assertThat(alert.riskScore()).as(c.id()).isEqualTo(c.riskScore());
            assertThat(alert.detectedAt()).as(c.id()).isBetween(before.minusMillis(1), after.plusMillis(1));
            assertThat(alert.explanations().keySet())
                    .as(c.id() + ": one explanation per rule, in the same order")
                    .containsExactlyElementsOf(c.rules());
            if (c.rules().contains(AMOUNT_OVER_5000)) {
                assertThat(alert.explanations().get(AMOUNT_OVER_5000))
                        .containsExactly("amount " + new BigDecimal(c.amount()).setScale(2) + " > 5000");
            }
        }
    }

    @Test
    void anotherRulesFileChangesWhatIsFlaggedAndTheAlertsItGives() {
        FraudRules rules = FraudRules.of(List.of(FraudRuleJson.read("""
                {"rule_id":"lost_cities","priority":5,
                 "condition":{"field":"location","op":"in","values":["Atlantis","Lemuria"]},
                 "sets":{"alert_type":"legendary_location","severity":"high","risk_score":90}}""")));
        Map<String, FraudAlert> alerts = alertsOf(
                new FraudDetection(RuleBookSource.fixed(rules)),
                List.of(
                        none("10.00", "Groceries", "Atlantis"),
                        none("10.00", "Groceries", "Lemuria"),
                        none("10.00", "Groceries", SUSPICIOUS_1),
                        none("9000.00", "Groceries", "Madrid")));

        assertThat(alerts.values()).extracting(FraudAlert::location).containsExactlyInAnyOrder("Atlantis", "Lemuria");
        assertThat(alerts.values()).allSatisfy(a -> {
            assertThat(a.rules()).containsExactly("lost_cities");
            assertThat(a.alertType()).isEqualTo("legendary_location");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.riskScore()).isEqualTo(90);
        });
    }

    private Map<String, FraudAlert> alertsOf(FraudDetection detection, List<Case> cases) {
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) {
            rows.add(RowFactory.create(
                    c.id(),
                    "user-" + c.id(),
                    new BigDecimal(c.amount()),
                    "EUR",
                    "Shop",
                    c.category(),
                    c.location(),
                    Timestamp.from(AT)));
        }
        Dataset<Row> transactions = spark.createDataFrame(rows, TransactionParser.TRANSACTION_SCHEMA);
        return detection
                .alerts(transactions)
                .select(KafkaStreams.json(struct(col("*"))).cast("string"))
                .collectAsList()
                .stream()
                .map(row -> EventJson.read(row.getString(0), FraudAlert.class))
                .collect(Collectors.toMap(FraudAlert::transactionId, Function.identity()));
    }
}
