package io.streamsight.service.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Keeps {@code /q/metrics} acceptable to {@code promtool check metrics}, which lints every
 * family, including the built-in ones from Micrometer's binders and the Kafka clients:
 * <ul>
 * <li>every meter gets a HELP text (several built-in ones have none: Netty, Vert.x connections);</li>
 * <li>double quotes in descriptions become apostrophes (the registry writes them as {@code \"},
 *     an escape the text format does not allow in HELP lines);</li>
 * <li>meters whose names carry an abbreviated unit ({@code -ns}, {@code -ms}, such as
 *     {@code process.cpu.time} in nanoseconds) or a {@code _count} suffix on a gauge are dropped:
 *     the Kafka clients' internal timings and connection counts, and {@code system.cpu.count};
 *     {@code process_cpu_usage} and the JVM's own meters say the same;</li>
 * <li>long task timers (open HTTP connections) are dropped: the registry writes their samples
 *     under names that do not match their HELP line; {@code http_server_active_connections}
 *     counts the same.</li>
 * </ul>
 */
@Singleton
public class PrometheusLintFilter implements MeterFilter {

    private static final Set<String> ABBREVIATED_UNITS = Set.of("ns", "us", "ms");

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
        String help = description == null || description.isBlank()
                ? id.getName().replace('.', ' ')
                : description.replace('"', '\'');
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
    }
}
