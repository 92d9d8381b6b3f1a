package io.streamsight.generator;

import io.streamsight.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads back what a test made the service send: remember a topic's end offsets, act, then read
 * everything between those offsets and the new end. Tests run one after another, so the window
 * holds exactly the acting test's records. Each call opens its own short-lived consumer.
 */
public final class TopicReader {

    private final Properties props = new Properties();

    public TopicReader(String bootstrapServers) {
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    public Map<TopicPartition, Long> endOffsets(Topic topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            return consumer.endOffsets(partitions(topic));
        }
    }

    /** Every record after {@code from}, up to the end offsets as they are now. */
    public List<ConsumerRecord<String, String>> readSince(Topic topic, Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> to = endOffsets(topic);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(to.keySet());
            from.forEach(consumer::seek);
            return readUntil(consumer, to, from);
        }
    }

    private static List<ConsumerRecord<String, String>> readUntil(
            KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> to, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long expected = to.entrySet().stream()
                .mapToLong(e -> e.getValue() - from.get(e.getKey()))
                .sum();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (records.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(Topic topic) {
        return IntStream.range(0, topic.partitions())
                .mapToObj(p -> new TopicPartition(topic.topicName(), p))
                .toList();
    }
}
