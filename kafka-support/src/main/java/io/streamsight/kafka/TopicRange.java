package io.streamsight.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading a bounded stretch of partitions with a consumer that has no group: assign, seek, read
 * until every partition's position has reached its end offset. Used to rebuild state once and
 * to recompute in tests what a service derived from its topics.
 */
public final class TopicRange {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicRange() {}

    /** Every partition of {@code topics}, as the broker reports them now. */
    public static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, Collection<String> topics) {
        return topics.stream()
                .flatMap(topic ->
                        consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                .toList();
    }

    /** Whether the consumer's position in every partition of {@code ends} is at or past its offset there. */
    public static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Everything on {@code topics} from their first retained record up to their end at the time of the call. */
    public static <K, V> void readToEnd(
            Consumer<K, V> consumer,
            Collection<String> topics,
            java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        List<TopicPartition> partitions = partitionsOf(consumer, topics);
        read(consumer, consumer.beginningOffsets(partitions), consumer.endOffsets(partitions), each);
    }

    /**
     * The records from {@code from} (inclusive) to {@code until} (exclusive) of each partition in
     * {@code until}; a partition with nothing in between is not read. The consumer is reassigned.
     */
    public static <K, V> void read(
            Consumer<K, V> consumer,
            Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> until,
            java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        Map<TopicPartition, Long> remaining = new HashMap<>();
        until.forEach((partition, end) -> {
            Long start = from.get(partition);
            if (start != null && start < end) {
                remaining.put(partition, end);
            }
        });
        consumer.assign(remaining.keySet());
        remaining.keySet().forEach(p -> consumer.seek(p, from.get(p)));
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
                Long end = remaining.get(new TopicPartition(record.topic(), record.partition()));
                if (end != null && record.offset() < end) {
                    each.accept(record);
                }
            }
            remaining.keySet().removeIf(p -> consumer.position(p) >= remaining.get(p));
        }
    }
}
