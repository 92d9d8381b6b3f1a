package io.streamsight.alert.quality;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamsight.alert.quality.QualitySnapshot.Overall;
import io.streamsight.alert.quality.QualitySnapshot.PatternQuality;
import io.streamsight.alert.quality.QualitySnapshot.RuleQuality;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Detection quality as Prometheus gauges, read from the latest snapshot at scrape time. They are
 * windowed figures, not running totals, hence gauges without {@code _total}. A rule or pattern
 * gets its gauges when it first appears and keeps them: a rule that stopped flagging anything
 * shows recall 0, not a missing series. Undefined ratios (nothing to divide by) are NaN.
 */
final class QualityMetrics {

    private final MeterRegistry registry;
    private final Supplier<Optional<QualitySnapshot>> snapshot;
    private final Set<String> rules = new HashSet<>();
    private final Set<String> patterns = new HashSet<>();

    QualityMetrics(MeterRegistry registry, Supplier<Optional<QualitySnapshot>> snapshot, Supplier<Number> tracked) {
        this.registry = registry;
        this.snapshot = snapshot;
        overall(
                "streamsight.detection.overall.precision.ratio",
                "Flagged transactions that are fraud, over the window",
                Overall::precision);
        overall(
                "streamsight.detection.overall.recall.ratio",
                "Fraud transactions flagged by any rule, over the window",
                Overall::recall);
        overall(
                "streamsight.detection.overall.true.positives",
                "Fraud transactions flagged, over the window",
                Overall::truePositives);
        overall(
                "streamsight.detection.overall.false.positives",
                "Flagged transactions that are not fraud, over the window",
                Overall::falsePositives);
        overall(
                "streamsight.detection.overall.false.negatives",
                "Fraud transactions no rule flagged, over the window",
                Overall::falseNegatives);
        Gauge.builder("streamsight.detection.tracked.transactions", tracked)
                .description("Transactions the quality window currently remembers")
                .strongReference(true)
                .register(registry);
    }

    /** Registers the gauges of rules and patterns seen for the first time. Called on the reader thread only. */
    void watch(QualitySnapshot latest) {
        latest.rules().stream().map(RuleQuality::ruleId).filter(rules::add).forEach(this::ruleGauges);
        latest.patterns().stream()
                .map(PatternQuality::pattern)
                .filter(patterns::add)
                .forEach(this::patternGauges);
    }

    void skipped(String topic) {
        Counter.builder("streamsight.detection.skipped.records")
                .description("Unreadable records the quality window skipped")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }

    private void ruleGauges(String rule) {
        ruleGauge(
                "streamsight.detection.precision.ratio",
                "Transactions flagged by the rule that are fraud, over the window",
                rule,
                RuleQuality::precision);
        ruleGauge(
                "streamsight.detection.recall.ratio",
                "Fraud transactions flagged by the rule, over the window",
                rule,
                RuleQuality::recall);
        ruleGauge(
                "streamsight.detection.true.positives",
                "Fraud transactions flagged by the rule, over the window",
                rule,
                RuleQuality::truePositives);
        ruleGauge(
                "streamsight.detection.false.positives",
                "Transactions flagged by the rule that are not fraud, over the window",
                rule,
                RuleQuality::falsePositives);
        ruleGauge(
                "streamsight.detection.false.negatives",
                "Fraud transactions the rule did not flag, over the window",
                rule,
                RuleQuality::falseNegatives);
    }

    private void patternGauges(String pattern) {
        patternGauge(
                "streamsight.detection.pattern.recall.ratio",
                "Fraud transactions of the pattern flagged by any rule, over the window",
                pattern,
                PatternQuality::recall);
        patternGauge(
                "streamsight.detection.pattern.ground.truth",
                "Fraud transactions of the pattern, over the window",
                pattern,
                PatternQuality::groundTruth);
        patternGauge(
                "streamsight.detection.pattern.missed",
                "Fraud transactions of the pattern no rule flagged, over the window",
                pattern,
                PatternQuality::missed);
    }

    private void overall(String name, String description, Function<Overall, Number> value) {
        gauge(name, description, s -> value.apply(s.overall())).register(registry);
    }

    private void ruleGauge(String name, String description, String rule, Function<RuleQuality, Number> value) {
        gauge(name, description, s -> value.apply(s.rule(rule)))
                .tag("rule", rule)
                .register(registry);
    }

    private void patternGauge(String name, String description, String pattern, Function<PatternQuality, Number> value) {
        gauge(name, description, s -> value.apply(s.pattern(pattern)))
                .tag("pattern", pattern)
                .register(registry);
    }

    private Gauge.Builder<Supplier<Number>> gauge(
            String name, String description, Function<QualitySnapshot, Number> value) {
        Supplier<Number> read = () -> snapshot.get().map(value).orElse(null);
        return Gauge.builder(name, read).description(description).strongReference(true);
    }
}
