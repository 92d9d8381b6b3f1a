package io.streamsight.spark.fraud;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.events.rules.RuleStatus;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.metrics.source.Source;

/** Counts of {@code fraud_rules} records by outcome and the rules in force, on the driver's metrics system. */
final class RuleMetrics implements Source {

    private final MetricRegistry registry = new MetricRegistry();

    RuleMetrics(Supplier<RuleBook> inForce) {
        registry.register("rules_in_force", (Gauge<Integer>) () ->
                (int) inForce.get().rules().stream().filter(r -> r.enabled()).count());
    }

    void count(RuleStatus.State state) {
        registry.counter("rule_changes_" + state.name().toLowerCase(Locale.ROOT))
                .inc();
    }

    @Override
    public String sourceName() {
        return "fraud_rules";
    }

    @Override
    public MetricRegistry metricRegistry() {
        return registry;
    }
}
