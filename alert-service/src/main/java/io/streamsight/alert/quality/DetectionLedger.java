package io.streamsight.alert.quality;

import io.streamsight.alert.quality.QualitySnapshot.Overall;
import io.streamsight.alert.quality.QualitySnapshot.PatternQuality;
import io.streamsight.alert.quality.QualitySnapshot.RuleQuality;
import io.streamsight.alert.triage.TriageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the ground truth and the alerts say about each recent transaction, and the detection
 * quality computed from it. A transaction is placed in time by its first record on either topic
 * (the smallest Kafka timestamp), so the same transaction lands in the same window whichever
 * side arrives first. Several alerts for one transaction (the stateless rules' alert and those of
 * stateful rules, each with its own alert id) count once: the transaction is flagged, and flagged
 * by every rule any of them lists.
 *
 * <p>Memory is bounded twice: transactions older than the horizon are forgotten, and beyond
 * {@code maxTransactions} the oldest are, in which case a snapshot's window starts after the
 * newest transaction forgotten that way, so it never reports a partial count as a full one.
 * Not thread-safe: its owner locks it.
 */
final class DetectionLedger {

    private static final Comparator<Outcome> BY_FIRST_SEEN =
            Comparator.comparingLong((Outcome o) -> o.firstSeen).thenComparing(o -> o.transactionId);

    private final int maxTransactions;
    private final Map<String, Outcome> byTransaction = new HashMap<>();
    private final NavigableSet<Outcome> byFirstSeen = new TreeSet<>(BY_FIRST_SEEN);
    /** Rule ids and pattern names recur in every record: one String each, not one per transaction. */
    private final Map<String, String> names = new HashMap<>();

    private long horizon = Long.MIN_VALUE;
    private long capacityHorizon = Long.MIN_VALUE;
    private long evictedForCapacity;

    DetectionLedger(int maxTransactions) {
        if (maxTransactions < 1) {
            throw new IllegalArgumentException("maxTransactions must be positive, was " + maxTransactions);
        }
        this.maxTransactions = maxTransactions;
    }

    /** The generator says this transaction is fraud of this pattern. */
    void groundTruth(String transactionId, String pattern, long timestamp) {
        Outcome outcome = touch(transactionId, timestamp);
        if (outcome != null) {
            outcome.pattern = name(pattern);
        }
    }

    /** An alert flagged this transaction, listing these rules. */
    void alert(String transactionId, Collection<String> rules, long timestamp) {
        Outcome outcome = touch(transactionId, timestamp);
        if (outcome != null) {
            outcome.flagged = true;
            rules.forEach(rule -> outcome.rules.add(name(rule)));
        }
    }

    /** A shadow rule would have flagged this transaction: counted for that rule only, never as flagged. */
    void shadowAlert(String transactionId, Collection<String> rules, long timestamp) {
        Outcome outcome = touch(transactionId, timestamp);
        if (outcome != null) {
            if (outcome.shadowRules.isEmpty()) {
                outcome.shadowRules = new HashSet<>(2);
            }
            rules.forEach(rule -> outcome.shadowRules.add(name(rule)));
        }
    }

    /** Forgets transactions first seen before {@code instant}, and ignores records older than it from now on. */
    void forgetBefore(Instant instant) {
        horizon = Math.max(horizon, instant.toEpochMilli());
        while (!byFirstSeen.isEmpty() && byFirstSeen.first().firstSeen < horizon) {
            byTransaction.remove(byFirstSeen.pollFirst().transactionId);
        }
    }

    int size() {
        return byTransaction.size();
    }

    /**
     * @param labels transaction id -> the analysts' verdict (fraud or not), where they gave one;
     *     it overrides the generator's ground truth
     */
    QualitySnapshot snapshot(
            Instant windowStart,
            Instant windowEnd,
            Duration window,
            Duration settleDelay,
            Function<String, Optional<Boolean>> labels) {
        long from = Math.max(windowStart.toEpochMilli(), capacityHorizon + 1);
        long to = windowEnd.toEpochMilli();
        Collection<Outcome> inWindow = from >= to ? List.of() : byFirstSeen.subSet(bound(from), true, bound(to), false);

        long groundTruth = 0;
        long flagged = 0;
        long truePositives = 0;
        Map<String, long[]> perRule = new TreeMap<>(); // rule -> {true positives, false positives}
        Map<String, long[]> perShadowRule = new TreeMap<>();
        Map<String, PatternCounts> perPattern = new TreeMap<>();
        long labelled = 0;
        for (Outcome outcome : inWindow) {
            Optional<Boolean> label = labels.apply(outcome.transactionId);
            labelled += label.isPresent() ? 1 : 0;
            boolean fraud = label.orElse(outcome.pattern != null);
            groundTruth += fraud ? 1 : 0;
            flagged += outcome.flagged ? 1 : 0;
            truePositives += fraud && outcome.flagged ? 1 : 0;
            for (String rule : outcome.rules) {
                perRule.computeIfAbsent(rule, r -> new long[2])[fraud ? 0 : 1]++;
            }
            for (String rule : outcome.shadowRules) {
                perShadowRule.computeIfAbsent(rule, r -> new long[2])[fraud ? 0 : 1]++;
            }
            if (fraud && outcome.pattern != null) {
                perPattern
                        .computeIfAbsent(outcome.pattern, p -> new PatternCounts())
                        .add(outcome);
            }
        }
        long total = groundTruth;
        Overall overall = new Overall(
                groundTruth,
                flagged,
                truePositives,
                flagged - truePositives,
                groundTruth - truePositives,
                QualitySnapshot.ratio(truePositives, flagged),
                QualitySnapshot.ratio(truePositives, groundTruth));
        List<RuleQuality> rules = perRule.entrySet().stream()
                .map(e -> RuleQuality.of(e.getKey(), e.getValue()[0], e.getValue()[1], total))
                .toList();
        List<RuleQuality> shadowRules = perShadowRule.entrySet().stream()
                .map(e -> RuleQuality.of(e.getKey(), e.getValue()[0], e.getValue()[1], total))
                .toList();
        List<PatternQuality> patterns = perPattern.entrySet().stream()
                .map(e -> e.getValue().quality(e.getKey()))
                .toList();
        return new QualitySnapshot(
                Instant.ofEpochMilli(from),
                windowEnd,
                window,
                settleDelay,
                inWindow.size(),
                byTransaction.size(),
                evictedForCapacity,
                labelled,
                TriageStore.TRUTH_SOURCE,
                overall,
                rules,
                shadowRules,
                patterns);
    }

    private Outcome touch(String transactionId, long timestamp) {
        if (timestamp < horizon) {
            return null;
        }
        Outcome outcome = byTransaction.get(transactionId);
        if (outcome == null) {
            if (byTransaction.size() >= maxTransactions) {
                Outcome oldest = byFirstSeen.pollFirst();
                byTransaction.remove(oldest.transactionId);
                capacityHorizon = Math.max(capacityHorizon, oldest.firstSeen);
                evictedForCapacity++;
            }
            outcome = new Outcome(transactionId, timestamp);
            byTransaction.put(transactionId, outcome);
            byFirstSeen.add(outcome);
        } else if (timestamp < outcome.firstSeen) {
            byFirstSeen.remove(outcome);
            outcome.firstSeen = timestamp;
            byFirstSeen.add(outcome);
        }
        return outcome;
    }

    private String name(String value) {
        return names.computeIfAbsent(value, v -> v);
    }

    /** A probe that sorts before every transaction first seen at {@code millis}. */
    private static Outcome bound(long millis) {
        return new Outcome("", millis);
    }

    private static final class Outcome {
        final String transactionId;
        long firstSeen;
        String pattern;
        boolean flagged;
        final Set<String> rules = new HashSet<>(2);
        Set<String> shadowRules = Set.of();

        Outcome(String transactionId, long firstSeen) {
            this.transactionId = transactionId;
            this.firstSeen = firstSeen;
        }
    }

    private static final class PatternCounts {
        long groundTruth;
        long detected;
        final Map<String, Long> caughtBy = new TreeMap<>();

        void add(Outcome outcome) {
            groundTruth++;
            if (outcome.flagged) {
                detected++;
            }
            outcome.rules.forEach(rule -> caughtBy.merge(rule, 1L, Long::sum));
        }

        PatternQuality quality(String pattern) {
            return new PatternQuality(
                    pattern,
                    groundTruth,
                    detected,
                    groundTruth - detected,
                    QualitySnapshot.ratio(detected, groundTruth),
                    caughtBy);
        }
    }
}
