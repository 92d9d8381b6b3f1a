package io.streamsight.generator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Keeps {@code /q/metrics} clean under {@code promtool check metrics}: some framework binders
 * register meters without help text (Netty, Vert.x connections), which gets one derived from the
 * name, and two whose names Prometheus' conventions reject ({@code process_cpu_time_ns_total}
 * with an abbreviated unit, {@code system_cpu_count} a gauge ending in {@code _count}), which
 * are dropped: {@code process_cpu_usage} and the JVM's own meters say the same. Long task timers
 * (Vert.x' {@code http_server_connections_seconds}) are dropped too: their samples are exposed
 * under names without a help line; {@code http_server_active_connections} counts the same.
 */
@Singleton
public class PrometheusLintFilter implements MeterFilter {

    private static final Set<String> UNLINTABLE = Set.of("process.cpu.time", "system.cpu.count");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return UNLINTABLE.contains(id.getName()) || id.getType() == Meter.Type.LONG_TASK_TIMER
                ? MeterFilterReply.DENY
                : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
            return id;
        }
        return new Meter.Id(
                id.getName(),
                Tags.of(id.getTags()),
                id.getBaseUnit(),
                id.getName().replace('.', ' '),
                id.getType());
    }
}
