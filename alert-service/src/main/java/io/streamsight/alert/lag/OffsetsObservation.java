package io.streamsight.alert.lag;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll of the cluster saw: every tracked group's committed offsets and members, the
 * partitions of every topic a group consumes, and those partitions' end and start offsets.
 *
 * @param partitionsByTopic all partitions of each consumed topic, so that a partition without a
 *                          committed offset is reported rather than missed
 */
public record OffsetsObservation(
        long timeMillis,
        List<GroupOffsets> groups,
        Map<String, List<TopicPartition>> partitionsByTopic,
        Map<TopicPartition, Long> endOffsets,
        Map<TopicPartition, Long> startOffsets) {

    /** One consumer group as described by the cluster. */
    public record GroupOffsets(
            String group,
            String state,
            int members,
            Map<TopicPartition, Long> committed,
            Map<TopicPartition, Owner> owners) {}

    /** The member a partition is assigned to; kafka-lag-exporter's member labels. */
    public record Owner(String host, String consumerId, String clientId) {
        public static final Owner NONE = new Owner("", "", "");
    }
}
