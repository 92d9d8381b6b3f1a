package io.streamsight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.Topic;
import io.streamsight.localstack.broker.TopicContents;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Detection-quality counts recomputed from {@code fraud_alerts} and {@code fraud_ground_truth} as
 * they are on the broker, independently of alert-service, for one window of first-seen times
 * (a transaction's earliest record timestamp on either topic). Counts per transaction: several
 * alerts for one transaction flag it once, and flag it by every rule any of them lists.
 *
 * @param overall {@code ground_truth, flagged, true_positives}
 * @param rules per rule: {@code true_positives, false_positives}
 * @param patterns per pattern: {@code ground_truth, detected}
 */
record DetectionCounts(
        long transactions, Map<String, Long> overall, Map<String, List<Long>> rules, Map<String, List<Long>> patterns) {

    private static final class Seen {
        long firstSeen = Long.MAX_VALUE;
        String pattern;
        final Set<String> rules = new HashSet<>();
    }

    static DetectionCounts recompute(String bootstrapServers, Instant from, Instant to) {
        Map<String, Seen> byTransaction = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicContents.readAll(
                bootstrapServers, List.of(Topic.FRAUD_ALERTS.topicName(), Topic.FRAUD_GROUND_TRUTH.topicName()))) {
            Seen seen;
            if (record.topic().equals(Topic.FRAUD_ALERTS.topicName())) {
                FraudAlert alert = EventJson.read(record.value(), FraudAlert.class);
                seen = byTransaction.computeIfAbsent(alert.transactionId(), t -> new Seen());
                seen.rules.addAll(alert.rules());
            } else {
                FraudGroundTruth truth = EventJson.read(record.value(), FraudGroundTruth.class);
                seen = byTransaction.computeIfAbsent(truth.transactionId(), t -> new Seen());
                seen.pattern = truth.pattern();
            }
            seen.firstSeen = Math.min(seen.firstSeen, record.timestamp());
        }
        List<Seen> window = byTransaction.values().stream()
                .filter(s -> s.firstSeen >= from.toEpochMilli() && s.firstSeen < to.toEpochMilli())
                .toList();
        Map<String, List<Long>> rules = new TreeMap<>();
        Map<String, List<Long>> patterns = new TreeMap<>();
        for (Seen s : window) {
            s.rules.forEach(rule -> rules.merge(
                    rule, List.of(s.pattern != null ? 1L : 0L, s.pattern != null ? 0L : 1L), DetectionCounts::plus));
            if (s.pattern != null) {
                patterns.merge(s.pattern, List.of(1L, s.rules.isEmpty() ? 0L : 1L), DetectionCounts::plus);
            }
        }
        long fraud = window.stream().filter(s -> s.pattern != null).count();
        long flagged = window.stream().filter(s -> !s.rules.isEmpty()).count();
        long caught = window.stream()
                .filter(s -> s.pattern != null && !s.rules.isEmpty())
                .count();
        return new DetectionCounts(
                window.size(),
                Map.of("ground_truth", fraud, "flagged", flagged, "true_positives", caught),
                rules,
                patterns);
    }

    /** The same counts as alert-service's {@code GET /quality} reports them. */
    static DetectionCounts reported(JsonNode quality) {
        JsonNode overall = quality.path("overall");
        Map<String, List<Long>> rules = new TreeMap<>();
        quality.path("rules")
                .forEach(r -> rules.put(
                        r.path("rule_id").asText(),
                        List.of(
                                r.path("true_positives").asLong(),
                                r.path("false_positives").asLong())));
        Map<String, List<Long>> patterns = new TreeMap<>();
        quality.path("patterns")
                .forEach(p -> patterns.put(
                        p.path("pattern").asText(),
                        List.of(
                                p.path("ground_truth").asLong(),
                                p.path("detected").asLong())));
        return new DetectionCounts(
                quality.path("transactions").asLong(),
                Map.of(
                        "ground_truth",
                        overall.path("ground_truth").asLong(),
                        "flagged",
                        overall.path("flagged").asLong(),
                        "true_positives",
                        overall.path("true_positives").asLong()),
                rules,
                patterns);
    }

    private static List<Long> plus(List<Long> a, List<Long> b) {
        return List.of(a.get(0) + b.get(0), a.get(1) + b.get(1));
    }
}
