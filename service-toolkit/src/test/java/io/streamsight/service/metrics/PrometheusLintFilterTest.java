package io.streamsight.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.junit.jupiter.api.Test;

class PrometheusLintFilterTest {

    private final PrometheusLintFilter filter = new PrometheusLintFilter();

    @Test
    void dropsWhatPromtoolRejects() {
        assertThat(filter.accept(id("process.cpu.time", "ns", Meter.Type.COUNTER)))
                .isEqualTo(MeterFilterReply.DENY);
        assertThat(filter.accept(id("kafka.consumer.fetch.latency.ms", null, Meter.Type.GAUGE)))
                .isEqualTo(MeterFilterReply.DENY);
        assertThat(filter.accept(id("system.cpu.count", null, Meter.Type.GAUGE)))
                .isEqualTo(MeterFilterReply.DENY);
        assertThat(filter.accept(id("http.server.connections", "seconds", Meter.Type.LONG_TASK_TIMER)))
                .isEqualTo(MeterFilterReply.DENY);
    }

    @Test
    void keepsTheServicesOwnMeters() {
        assertThat(filter.accept(id("streamsight.generator.events.sent", null, Meter.Type.COUNTER)))
                .isEqualTo(MeterFilterReply.NEUTRAL);
        assertThat(filter.accept(id("streamsight.alerts.delivery.count", "seconds", Meter.Type.TIMER)))
                .as("a timer's _count series is its own")
                .isEqualTo(MeterFilterReply.NEUTRAL);
    }

    @Test
    void givesEveryMeterAHelpTextWithoutDoubleQuotes() {
        assertThat(filter.map(id("vertx.http.server.active.connections", null, Meter.Type.GAUGE))
                        .getDescription())
                .isEqualTo("vertx http server active connections");
        Meter.Id quoted = new Meter.Id(
                "kafka.consumer.records", Tags.of("client", "a"), null, "the \"records\" read", Meter.Type.GAUGE);
        assertThat(filter.map(quoted).getDescription()).isEqualTo("the 'records' read");
        assertThat(filter.map(quoted).getTags()).isEqualTo(quoted.getTags());
        Meter.Id described = new Meter.Id("a.b", Tags.empty(), null, "fine", Meter.Type.GAUGE);
        assertThat(filter.map(described)).isSameAs(described);
    }

    private static Meter.Id id(String name, String baseUnit, Meter.Type type) {
        return new Meter.Id(name, Tags.empty(), baseUnit, null, type);
    }
}
