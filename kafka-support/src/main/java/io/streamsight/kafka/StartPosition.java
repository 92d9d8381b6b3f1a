package io.streamsight.kafka;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** Where reading a partition starts: an offset per partition, asked of the broker when reading begins. */
@FunctionalInterface
public interface StartPosition {

    Map<TopicPartition, Long> offsets(Consumer<?, ?> consumer, Collection<TopicPartition> partitions);

    /** The first retained record: a compacted topic read as state. */
    static StartPosition beginning() {
        return (consumer, partitions) -> consumer.beginningOffsets(partitions);
    }

    /** Only what is written from now on. */
    static StartPosition end() {
        return (consumer, partitions) -> consumer.endOffsets(partitions);
    }

    /** The first record whose timestamp is at or after {@code since}; the end where none is that recent yet. */
    static StartPosition since(Instant since) {
        return recent(since, Long.MAX_VALUE);
    }

    /** Like {@link #since}, but from no further back than the last {@code atMostPerPartition} records. */
    static StartPosition recent(Instant since, long atMostPerPartition) {
        return (consumer, partitions) -> {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            partitions.forEach(p -> {
                long fromTime =
                        found.get(p) == null ? ends.get(p) : found.get(p).offset();
                long fromCount = Math.max(beginnings.get(p), ends.get(p) - atMostPerPartition);
                offsets.put(p, Math.max(fromTime, fromCount));
            });
            return offsets;
        };
    }
}
