package io.streamsight.alert.quality;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Detection quality over one window: the transactions whose first record (ground truth or alert)
 * has a Kafka timestamp in {@code [window_start, window_end)}. Counts are given with the ratios,
 * so anyone can recompute them from the two topics and compare exactly; a ratio whose
 * denominator is zero is {@code null}. Whether a transaction is fraud is the analysts' disposition
 * where one of its alerts has one ({@code labelled} of them), else the generator's ground truth:
 * {@code truth_source} says so. {@code shadow_rules} are the shadow rules' figures, from
 * {@code fraud_shadow_alerts}: what they would have caught had they been live, in no other count.
 */
public record QualitySnapshot(
        Instant windowStart,
        Instant windowEnd,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration window,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration settleDelay,
        long transactions,
        long trackedTransactions,
        long evictedForCapacity,
        long labelled,
        String truthSource,
        Overall overall,
        List<RuleQuality> rules,
        List<RuleQuality> shadowRules,
        List<PatternQuality> patterns) {

    /** Every transaction named by the ground truth or by an alert, whichever rule flagged it. */
    public record Overall(
            long groundTruth,
            long flagged,
            long truePositives,
            long falsePositives,
            long falseNegatives,
            Double precision,
            Double recall) {}

    /** Transactions flagged by this rule (one of the rules listed by one of their alerts). */
    public record RuleQuality(
            String ruleId,
            long flagged,
            long truePositives,
            long falsePositives,
            long falseNegatives,
            Double precision,
            Double recall) {

        static RuleQuality of(String ruleId, long truePositives, long falsePositives, long groundTruth) {
            return new RuleQuality(
                    ruleId,
                    truePositives + falsePositives,
                    truePositives,
                    falsePositives,
                    groundTruth - truePositives,
                    ratio(truePositives, truePositives + falsePositives),
                    ratio(truePositives, groundTruth));
        }
    }

    /** Ground-truth transactions of one injected pattern, and which rules flagged them. */
    public record PatternQuality(
            String pattern, long groundTruth, long detected, long missed, Double recall, Map<String, Long> caughtBy) {}

    /** A rule that flagged nothing in the window: no precision, and recall 0 if there was fraud to catch. */
    public RuleQuality rule(String ruleId) {
        return rules.stream()
                .filter(r -> r.ruleId().equals(ruleId))
                .findFirst()
                .orElseGet(() -> RuleQuality.of(ruleId, 0, 0, overall.groundTruth()));
    }

    public PatternQuality pattern(String pattern) {
        return patterns.stream()
                .filter(p -> p.pattern().equals(pattern))
                .findFirst()
                .orElseGet(() -> new PatternQuality(pattern, 0, 0, 0, null, Map.of()));
    }

    static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
