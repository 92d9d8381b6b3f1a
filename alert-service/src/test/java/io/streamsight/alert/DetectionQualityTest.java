package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.Topic;
import io.streamsight.localstack.broker.TopicContents;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Crafted ground truth and alerts go to the two topics; {@code GET /quality} and {@code /q/metrics}
 * must show what they imply, and must equal a plain recomputation from everything on the topics
 * for the window the service reports.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DetectionQualityTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String burst = TestAlerts.unique("burst");
    private final String travel = TestAlerts.unique("travel");
    private final String ruleA = TestAlerts.unique("rule_a");
    private final String ruleB = TestAlerts.unique("rule_b");
    private final String shadowRule = TestAlerts.unique("rule_s");

    @Test
    void qualityOverTheWindowEqualsARecomputationFromTheTwoTopics() throws Exception {
        Instant base = Instant.now().minusSeconds(60);
        try (TestAlerts kafka = new TestAlerts()) {
            String t1 = fraud(kafka, burst, base);
            alert(kafka, t1, ruleA, base.plusMillis(5));
            String t2 = fraud(kafka, burst, base.plusMillis(10));
            alert(kafka, t2, ruleA, base.plusMillis(11));
            alert(kafka, t2, ruleB, base.plusMillis(12)); // a stateful rule's alert for the same transaction
            fraud(kafka, burst, base.plusMillis(20)); // missed
            String t4 = fraud(kafka, travel, base.plusMillis(30));
            alert(kafka, t4, ruleB, base.plusMillis(31));
            alert(kafka, UUID.randomUUID().toString(), ruleB, base.plusMillis(40)); // a false positive
            // a shadow rule would have caught t1 and flagged an innocent one: counted for it alone
            shadowAlert(kafka, t1, shadowRule, base.plusMillis(45));
            shadowAlert(kafka, UUID.randomUUID().toString(), shadowRule, base.plusMillis(46));
            // not settled yet (its first record is in the future): not counted
            String notYet = fraud(kafka, travel, Instant.now().plusSeconds(3600));
            alert(kafka, notYet, ruleA, Instant.now().plusSeconds(3600));
        }

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode quality = quality();
            assertThat(pattern(quality, burst)).isEqualTo(json("""
                    {"pattern":"%s","ground_truth":3,"detected":2,"missed":1,"recall":%s,"caught_by":{"%s":2,"%s":1}}""".formatted(burst, 2.0 / 3, ruleA, ruleB)));
            assertThat(pattern(quality, travel)).isEqualTo(json("""
                    {"pattern":"%s","ground_truth":1,"detected":1,"missed":0,"recall":1.0,"caught_by":{"%s":1}}""".formatted(travel, ruleB)));
            assertThat(rule(quality, ruleA).path("true_positives").asLong()).isEqualTo(2);
            assertThat(rule(quality, ruleA).path("false_positives").asLong()).isZero();
            assertThat(rule(quality, ruleB).path("true_positives").asLong()).isEqualTo(2);
            assertThat(rule(quality, ruleB).path("false_positives").asLong()).isEqualTo(1);
            assertThat(rule(quality, ruleB).path("precision").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
            JsonNode shadow = null;
            for (JsonNode row : quality.path("shadow_rules")) {
                if (row.path("rule_id").asText().equals(shadowRule)) {
                    shadow = row;
                }
            }
            assertThat(shadow).as(quality.toString()).isNotNull();
            assertThat(shadow.path("true_positives").asLong()).isEqualTo(1);
            assertThat(shadow.path("false_positives").asLong()).isEqualTo(1);
            assertThat(rule(quality, shadowRule).isNull())
                    .as("not among the live rules")
                    .isTrue();
        });

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode quality = quality();
            Recomputed expected = Recomputed.from(
                    TopicContents.readAll(
                            TestAlerts.bootstrapServers(),
                            List.of(
                                    Topic.FRAUD_ALERTS.topicName(),
                                    Topic.FRAUD_SHADOW_ALERTS.topicName(),
                                    Topic.FRAUD_GROUND_TRUTH.topicName(),
                                    Topic.ALERT_LABELS.topicName())),
                    Instant.parse(quality.path("window_start").asText()),
                    Instant.parse(quality.path("window_end").asText()));
            assertThat(Recomputed.of(quality)).isEqualTo(expected);
            assertThat(Duration.between(
                            Instant.parse(quality.path("window_start").asText()),
                            Instant.parse(quality.path("window_end").asText())))
                    .isEqualTo(Duration.parse(quality.path("window").asText()));
            assertThat(quality.path("settle_delay").asText()).isEqualTo("PT2S");
        });

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Double> metrics = metrics();
            assertThat(metrics.get("streamsight_detection_pattern_recall_ratio{pattern=\"" + burst + "\"}"))
                    .isCloseTo(2.0 / 3, within(1e-12));
            assertThat(metrics.get("streamsight_detection_pattern_ground_truth{pattern=\"" + travel + "\"}"))
                    .isEqualTo(1.0);
            assertThat(metrics.get("streamsight_detection_precision_ratio{rule=\"" + ruleB + "\"}"))
                    .isCloseTo(2.0 / 3, within(1e-12));
            assertThat(metrics.get("streamsight_detection_true_positives{rule=\"" + ruleA + "\"}"))
                    .isEqualTo(2.0);
            assertThat(metrics.get("streamsight_detection_false_positives{rule=\"" + ruleB + "\"}"))
                    .isEqualTo(1.0);
            JsonNode quality = quality();
            assertThat(metrics.get("streamsight_detection_overall_true_positives"))
                    .isEqualTo(quality.path("overall").path("true_positives").asDouble());
            assertThat(metrics.get("streamsight_detection_recall_ratio{rule=\"" + ruleA + "\"}"))
                    .isCloseTo(
                            2.0 / quality.path("overall").path("ground_truth").asDouble(), within(1e-12));
        });
    }

    private static String fraud(TestAlerts kafka, String pattern, Instant at) {
        String transactionId = UUID.randomUUID().toString();
        kafka.send(
                Topic.FRAUD_GROUND_TRUTH.topicName(),
                transactionId,
                EventJson.write(new FraudGroundTruth(transactionId, "user-1", pattern, at)),
                at);
        return transactionId;
    }

    private static void shadowAlert(TestAlerts kafka, String transactionId, String rule, Instant at) {
        FraudAlert alert = TestAlerts.flagged("shadow-" + rule + "-" + transactionId, transactionId, rule, at);
        kafka.send(Topic.FRAUD_SHADOW_ALERTS.topicName(), alert.userId(), EventJson.write(alert), at);
    }

    private static void alert(TestAlerts kafka, String transactionId, String rule, Instant at) {
        FraudAlert alert = TestAlerts.flagged(rule + "-" + transactionId, transactionId, rule, at);
        kafka.send(Topic.FRAUD_ALERTS.topicName(), alert.userId(), EventJson.write(alert), at);
    }

    private static JsonNode quality() {
        return json(given().get("/quality").then().statusCode(200).extract().asString());
    }

    private static JsonNode pattern(JsonNode quality, String name) {
        return find(quality.path("patterns"), "pattern", name);
    }

    private static JsonNode rule(JsonNode quality, String id) {
        return find(quality.path("rules"), "rule_id", id);
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.path(field).asText().equals(value)) {
                return row;
            }
        }
        return json("null");
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private static Map<String, Double> metrics() {
        Map<String, Double> values = new HashMap<>();
        given().accept("text/plain; version=0.0.4")
                .get("/q/metrics")
                .asString()
                .lines()
                .filter(line -> line.startsWith("streamsight_detection_"))
                // the 0.0.4 text format may end a label set with a comma
                .forEach(line -> values.put(
                        line.substring(0, line.lastIndexOf(' ')).replace(",}", "}"),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
        return values;
    }

    /**
     * The counts, recomputed the plain way: a transaction's time is its earliest record on either
     * topic; fraud if an analyst's latest label of one of its alerts says so (alert_labels), else if
     * some ground truth names it; flagged by a rule if some alert lists the rule.
     */
    record Recomputed(
            long transactions,
            Map<String, Long> overall,
            Map<String, Map<String, Long>> rules,
            Map<String, Map<String, Object>> patterns) {

        /** Shadow rules' rows are kept apart from the live rules' by this prefix. */
        static final String SHADOW = "shadow:";

        static Recomputed from(List<ConsumerRecord<String, byte[]>> records, Instant start, Instant end) {
            Map<String, Long> firstSeen = new HashMap<>();
            Map<String, String> patternOf = new HashMap<>();
            Map<String, Set<String>> rulesOf = new HashMap<>();
            Map<String, JsonNode> latestLabel = new HashMap<>();
            Map<String, Set<String>> shadowRulesOf = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                String transactionId;
                if (record.topic().equals(Topic.ALERT_LABELS.topicName())) {
                    latestLabel.put(record.key(), json(new String(record.value(), StandardCharsets.UTF_8)));
                    continue;
                }
                if (record.topic().equals(Topic.FRAUD_ALERTS.topicName())) {
                    FraudAlert alert = EventJson.read(record.value(), FraudAlert.class);
                    transactionId = alert.transactionId();
                    rulesOf.computeIfAbsent(transactionId, t -> new TreeSet<>()).addAll(alert.rules());
                } else if (record.topic().equals(Topic.FRAUD_SHADOW_ALERTS.topicName())) {
                    FraudAlert alert = EventJson.read(record.value(), FraudAlert.class);
                    transactionId = alert.transactionId();
                    alert.rules()
                            .forEach(rule -> shadowRulesOf
                                    .computeIfAbsent(alert.transactionId(), t -> new TreeSet<>())
                                    .add(SHADOW + rule));
                } else {
                    FraudGroundTruth truth = EventJson.read(record.value(), FraudGroundTruth.class);
                    transactionId = truth.transactionId();
                    patternOf.put(transactionId, truth.pattern());
                }
                firstSeen.merge(transactionId, record.timestamp(), Math::min);
            }
            Map<String, Boolean> labelOf = new HashMap<>();
            latestLabel.values().stream()
                    .filter(label -> label.path("disposition").isTextual())
                    .forEach(label -> labelOf.put(
                            label.path("transaction_id").asText(),
                            label.path("disposition").asText().equals("fraud")));
            Predicate<String> isFraudulent = t -> labelOf.getOrDefault(t, patternOf.containsKey(t));
            List<String> inWindow = firstSeen.entrySet().stream()
                    .filter(e -> e.getValue() >= start.toEpochMilli() && e.getValue() < end.toEpochMilli())
                    .map(Map.Entry::getKey)
                    .toList();
            long fraud = inWindow.stream().filter(isFraudulent).count();
            long flagged = inWindow.stream().filter(rulesOf::containsKey).count();
            long caught = inWindow.stream()
                    .filter(t -> isFraudulent.test(t) && rulesOf.containsKey(t))
                    .count();
            Map<String, Map<String, Long>> rules = new TreeMap<>();
            Map<String, Map<String, Object>> patterns = new TreeMap<>();
            for (String t : inWindow) {
                boolean isFraud = isFraudulent.test(t);
                Set<String> matched = new TreeSet<>(rulesOf.getOrDefault(t, Set.of()));
                matched.addAll(shadowRulesOf.getOrDefault(t, Set.of()));
                for (String rule : matched) {
                    Map<String, Long> row = rules.computeIfAbsent(
                            rule,
                            r -> new TreeMap<>(
                                    Map.of("true_positives", 0L, "false_positives", 0L, "false_negatives", fraud)));
                    row.merge(isFraud ? "true_positives" : "false_positives", 1L, Long::sum);
                    if (isFraud) {
                        row.merge("false_negatives", -1L, Long::sum);
                    }
                }
                if (isFraud && patternOf.containsKey(t)) {
                    Map<String, Object> row = patterns.computeIfAbsent(
                            patternOf.get(t),
                            p -> new TreeMap<>(Map.of(
                                    "ground_truth", 0L, "detected", 0L, "caught_by", new TreeMap<String, Long>())));
                    row.put("ground_truth", (Long) row.get("ground_truth") + 1);
                    if (rulesOf.containsKey(t)) {
                        row.put("detected", (Long) row.get("detected") + 1);
                        @SuppressWarnings("unchecked")
                        Map<String, Long> caughtBy = (Map<String, Long>) row.get("caught_by");
                        rulesOf.get(t).forEach(rule -> caughtBy.merge(rule, 1L, Long::sum));
                    }
                }
            }
            return new Recomputed(
                    inWindow.size(),
                    Map.of(
                            "ground_truth",
                            fraud,
                            "flagged",
                            flagged,
                            "true_positives",
                            caught,
                            "false_positives",
                            flagged - caught,
                            "false_negatives",
                            fraud - caught),
                    rules,
                    patterns);
        }

        /** The same counts, as the service reports them. */
        static Recomputed of(JsonNode quality) {
            JsonNode overall = quality.path("overall");
            Map<String, Long> totals = new HashMap<>();
            List.of("ground_truth", "flagged", "true_positives", "false_positives", "false_negatives")
                    .forEach(f -> totals.put(f, overall.path(f).asLong()));
            Map<String, Map<String, Long>> rules = new TreeMap<>();
            quality.path("shadow_rules")
                    .forEach(r -> ((ObjectNode) r)
                            .put("rule_id", SHADOW + r.path("rule_id").asText()));
            Stream.concat(
                            StreamSupport.stream(quality.path("rules").spliterator(), false),
                            StreamSupport.stream(quality.path("shadow_rules").spliterator(), false))
                    .forEach(r -> rules.put(
                            r.path("rule_id").asText(),
                            new TreeMap<>(Map.of(
                                    "true_positives",
                                    r.path("true_positives").asLong(),
                                    "false_positives",
                                    r.path("false_positives").asLong(),
                                    "false_negatives",
                                    r.path("false_negatives").asLong()))));
            Map<String, Map<String, Object>> patterns = new TreeMap<>();
            quality.path("patterns").forEach(p -> {
                Map<String, Long> caughtBy = new TreeMap<>();
                p.path("caught_by")
                        .fields()
                        .forEachRemaining(
                                e -> caughtBy.put(e.getKey(), e.getValue().asLong()));
                patterns.put(
                        p.path("pattern").asText(),
                        new TreeMap<>(Map.of(
                                "ground_truth",
                                p.path("ground_truth").asLong(),
                                "detected",
                                p.path("detected").asLong(),
                                "caught_by",
                                caughtBy)));
            });
            return new Recomputed(quality.path("transactions").asLong(), totals, rules, patterns);
        }
    }
}
