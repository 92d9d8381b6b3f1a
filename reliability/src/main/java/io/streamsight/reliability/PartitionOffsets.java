package io.streamsight.reliability;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** One offset of every partition of some topics, as the brokers answer it now. */
final class PartitionOffsets {

    private PartitionOffsets() {}

    /** {@code spec}: {@link OffsetSpec#latest()} for the end offsets, {@link OffsetSpec#earliest()} for the start. */
    static Map<TopicPartition, Long> of(Admin admin, Collection<String> topics, Supplier<OffsetSpec> spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        admin.describeTopics(topics)
                .allTopicNames()
                .get()
                .values()
                .forEach(topic -> topic.partitions()
                        .forEach(p -> wanted.put(new TopicPartition(topic.name(), p.partition()), spec.get())));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(wanted).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
