package io.streamsight.localstack.broker;

import io.streamsight.kafka.TopicRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything on some topics up to their current end, read with a plain consumer (no group, every
 * partition): for tests that recompute from the topics what a service derived from them.
 */
public final class TopicContents {

    private TopicContents() {}

    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, Collection<String> topics) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicRange.readToEnd(consumer, topics, records::add);
        }
        return records;
    }
}
