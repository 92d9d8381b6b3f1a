package io.streamsight.generator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.events.Topic;
import io.streamsight.generator.scenario.ScenarioRun;
import io.streamsight.generator.scenario.ScenarioSpec;
import io.streamsight.generator.scenario.ScenarioState;
import io.streamsight.generator.scenario.ScenarioStatus;
import io.streamsight.generator.synth.EventStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With no broker at all, sends must neither pile up nor vanish: each one fails within the send
 * timeout, is counted per topic and per scenario, and the scenario still ends.
 */
class BrokerDownTest {

    @Test
    void everySendFailsWithinTheTimeoutAndIsCounted() throws IOException {
        Map<Topic, AtomicInteger> failures = new ConcurrentHashMap<>();
        SendListener counting = new SendListener() {
            @Override
            public void sent(Topic topic, long latencyNanos) {}

            @Override
            public void failed(Topic topic, Exception error) {
                failures.computeIfAbsent(topic, t -> new AtomicInteger()).incrementAndGet();
            }
        };
        ScenarioSpec spec = new ScenarioSpec(
                List.of(Topic.TRANSACTIONS, Topic.SENSOR_DATA),
                1000,
                4L,
                null,
                0,
                List.of(),
                1,
                EventStream.DEFAULT_USER_PREFIX,
                Instant.parse("2026-11-25T10:00:00Z"));

        ScenarioStatus status;
        try (EventPublisher publisher = new EventPublisher(
                Map.of("bootstrap.servers", "127.0.0.1:" + closedPort()), 2, Duration.ofMillis(500), counting)) {
            ScenarioRun run = new ScenarioRun("broker-down", spec, publisher);
            assertThat(run.run()).isEqualTo(ScenarioState.COMPLETED);
            status = run.status();
            assertThat(publisher.inFlight()).isZero();
        }

        assertThat(status.generated()).isEqualTo(4);
        assertThat(status.sent()).isZero();
        assertThat(status.errors()).isEqualTo(4);
        assertThat(status.lastError()).contains("Timeout");
        assertThat(failures.get(Topic.TRANSACTIONS)).hasValue(2);
        assertThat(failures.get(Topic.SENSOR_DATA)).hasValue(2);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
