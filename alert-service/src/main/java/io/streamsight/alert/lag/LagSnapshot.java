package io.streamsight.alert.lag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every tracked group's lag and status as of one poll: what {@code GET /lag} returns and what
 * the metrics are set from.
 */
public record LagSnapshot(String clusterName, Instant polledAt, List<GroupLag> groups) {

    public static LagSnapshot empty(String clusterName) {
        return new LagSnapshot(clusterName, null, List.of());
    }

    /**
     * One group. {@code maxLagSeconds} is null while no partition's time lag can be estimated yet.
     * {@code lastActivity}: the last poll at which the group had members or a committed offset changed.
     */
    public record GroupLag(
            String group,
            String state,
            int members,
            LagStatus status,
            long maxLag,
            long sumLag,
            Double maxLagSeconds,
            Map<String, Long> topicSumLag,
            Instant lastActivity,
            List<PartitionLag> partitions) {}

    /**
     * One partition of a topic the group consumes. A partition the group has never committed has a
     * null {@code committedOffset} and {@code lag}; {@code lagSeconds} is null until the partition's
     * interpolation table has enough points.
     */
    public record PartitionLag(
            String topic,
            int partition,
            Long committedOffset,
            long endOffset,
            long startOffset,
            Long lag,
            Double lagSeconds,
            LagStatus status,
            String memberHost,
            String consumerId,
            String clientId) {}
}
