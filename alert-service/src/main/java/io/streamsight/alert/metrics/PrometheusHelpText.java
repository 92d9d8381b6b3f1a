package io.streamsight.alert.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Keeps {@code /q/metrics} acceptable to {@code promtool check metrics}, which lints every
 * family, including the built-in ones from Micrometer's binders and the Kafka clients:
 * <ul>
 * <li>every meter gets a HELP text (several built-in ones have none);</li>
 * <li>double quotes in descriptions become apostrophes (the registry writes them as {@code \"},
 *     an escape the text format does not allow in HELP lines);</li>
 * <li>meters whose names carry an abbreviated unit ({@code -ns}, {@code -ms}) or a {@code _count}
 *     suffix on a gauge are dropped: they are the Kafka clients' internal timings and connection
 *     counts, and {@code system.cpu.count}, which the linter rejects and dashboards do not use;</li>
 * <li>long task timers (open HTTP connections) are dropped: the registry writes their samples
 *     under names that do not match their HELP line.</li>
 * </ul>
 */
public class PrometheusHelpText {

    private static final Set<String> ABBREVIATED_UNITS = Set.of("ns", "us", "ms");

    @Produces
    @Singleton
    MeterFilter lintClean() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                List<String> tokens = Arrays.asList(id.getName().split("[._-]"));
                boolean abbreviatedUnit = tokens.stream().anyMatch(ABBREVIATED_UNITS::contains)
                        || (id.getBaseUnit() != null && ABBREVIATED_UNITS.contains(id.getBaseUnit()));
                boolean countSuffix = tokens.get(tokens.size() - 1).equals("count")
                        && id.getType() != Meter.Type.TIMER
                        && id.getType() != Meter.Type.DISTRIBUTION_SUMMARY;
                boolean longTask = id.getType() == Meter.Type.LONG_TASK_TIMER;
                return abbreviatedUnit || countSuffix || longTask ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                if (description != null && !description.isBlank() && description.indexOf('"') < 0) {
                    return id;
                }
                String help =
                        description == null || description.isBlank() ? id.getName() : description.replace('"', '\'');
                return new Meter.Id(
                        id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
            }
        };
    }
}
