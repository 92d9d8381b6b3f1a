package io.streamsight.alert.intake;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.ReceivedAlert.SourceOffset;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.kafka.GroupAssignment;
import io.streamsight.alert.subscription.SubscriptionStore;
import io.streamsight.events.MalformedEventException;
import io.streamsight.kafka.StartPosition;
import io.streamsight.kafka.TopicRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Runs when alert partitions are assigned (startup, rebalance), before their records are
 * consumed: waits for the subscriptions to be loaded, then re-reads the last dedup window of each
 * partition, up to the group's committed offset, to rebuild the dedup ids. Everything before
 * the committed offset was fully fanned out; anything after it is consumed again and fanned out
 * again. So dedup needs no state store of its own: the alert
 * topics, which keep 30 days, are the state.
 */
@ApplicationScoped
@Identifier("alert-intake-recovery")
public class IntakeRecovery implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(IntakeRecovery.class);

    private final SubscriptionStore subscriptions;
    private final DedupWindow dedup;
    private final KafkaConnection kafka;
    private final Event<GroupAssignment> assignments;

    public IntakeRecovery(
            SubscriptionStore subscriptions,
            DedupWindow dedup,
            KafkaConnection kafka,
            Event<GroupAssignment> assignments) {
        this.subscriptions = subscriptions;
        this.dedup = dedup;
        this.kafka = kafka;
        this.assignments = assignments;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assignments.fire(new GroupAssignment(Set.of(), Set.copyOf(partitions)));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            subscriptions.awaitLoaded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading subscriptions", e);
        }
        Map<TopicPartition, Long> committed = new HashMap<>();
        consumer.committed(new HashSet<>(partitions)).forEach((partition, offset) -> {
            if (offset != null && offset.offset() > 0) {
                committed.put(partition, offset.offset());
            }
        });
        long started = System.nanoTime();
        List<ReceivedAlert> restored = reread(committed);
        LOG.infof(
                "Partitions %s assigned; dedup window rebuilt from %d alerts in %d ms",
                partitions,
                restored.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        assignments.fire(new GroupAssignment(Set.copyOf(partitions), Set.of()));
    }

    private List<ReceivedAlert> reread(Map<TopicPartition, Long> endOffsets) {
        List<ReceivedAlert> restored = new ArrayList<>();
        if (endOffsets.isEmpty()) {
            return restored;
        }
        try (KafkaConsumer<String, byte[]> reader = kafka.reader("alert-service-dedup-recovery")) {
            Map<TopicPartition, Long> from =
                    StartPosition.since(Instant.now().minus(dedup.window())).offsets(reader, endOffsets.keySet());
            TopicRange.read(reader, from, endOffsets, record -> remember(record).ifPresent(restored::add));
        }
        return restored;
    }

    private Optional<ReceivedAlert> remember(ConsumerRecord<String, byte[]> record) {
        try {
            // Re-read on start-up, not detected now: no detection latency to measure.
            return AlertDecoder.decode(
                            new SourceOffset(record.topic(), record.partition(), record.offset()),
                            Instant.ofEpochMilli(record.timestamp()),
                            (Instant) null,
                            record.value())
                    .filter(r -> dedup.firstSighting(r.alert().alertId(), r.arrivedAt()));
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }
}
