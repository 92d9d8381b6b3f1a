package io.streamsight.localstack.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamsight.localstack.broker.EmbeddedKafka;
import java.util.Map;

/**
 * Hands a Quarkus test its own real broker instead of a Dev Services container (no Docker
 * engine exists here): {@code @QuarkusTestResource(KafkaTestResource.class)}. The broker address
 * goes to {@code kafka.bootstrap.servers}, which Quarkus' Kafka connector and Kafka client
 * extensions read.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
