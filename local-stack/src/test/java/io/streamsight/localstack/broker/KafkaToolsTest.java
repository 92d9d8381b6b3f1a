package io.streamsight.localstack.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaToolsTest {

    @Test
    void runsKafkasOwnProducerPerformanceAgainstTheEmbeddedBroker() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String output = KafkaTools.run(
                    KafkaTools.PRODUCER_PERFORMANCE,
                    List.of(
                            "--topic",
                            "transactions",
                            "--num-records",
                            "2000",
                            "--record-size",
                            "200",
                            "--throughput",
                            "-1",
                            "--producer-props",
                            "bootstrap.servers=" + kafka.bootstrapServers(),
                            "acks=all",
                            "enable.idempotence=true"),
                    Duration.ofMinutes(2));
            assertThat(output).contains("2000 records sent");
        }
    }
}
