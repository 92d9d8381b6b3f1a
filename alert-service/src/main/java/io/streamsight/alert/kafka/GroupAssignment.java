package io.streamsight.alert.kafka;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * A CDI event: partitions the {@code alert-service} consumer group gave this replica or took from
 * it. Whoever must act as the single owner of a partition's work across replicas observes it.
 */
public record GroupAssignment(Set<TopicPartition> assigned, Set<TopicPartition> revoked) {

    public GroupAssignment {
        assigned = Set.copyOf(assigned);
        revoked = Set.copyOf(revoked);
    }
}
