package io.streamsight.alert.lag;

import io.streamsight.alert.lag.LagSnapshot.GroupLag;
import io.streamsight.alert.lag.LagSnapshot.PartitionLag;
import io.streamsight.alert.lag.OffsetsObservation.GroupOffsets;
import io.streamsight.alert.lag.OffsetsObservation.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns successive {@link OffsetsObservation}s into lag snapshots: offset lag, time lag from each
 * partition's {@link InterpolationTable}, and Burrow's status from each group partition's
 * {@link CommitWindow}. Holds the state that spans polls; pure otherwise (no Kafka, time comes
 * with the observation), and used from one thread at a time.
 * <p>
 * A commit enters a partition's window when the committed offset changed since the last poll,
 * and at every poll while the group has members: a live Kafka consumer commits periodically even
 * when its position does not move, which is what Burrow's STALL rule needs, whereas a group with no
 * members (Spark's {@code streamsight-spark-*} groups, a stopped consumer) only commits when it moves.
 */
public final class LagTracker {

    private final String clusterName;
    private final int windowSize;
    private final int tableSize;
    private final long expiryMillis;
    private final Map<TopicPartition, InterpolationTable> tables = new HashMap<>();
    private final Map<String, TrackedGroup> groups = new HashMap<>();

    /** Throws IllegalArgumentException for a window or table of fewer than 2 entries, before any poll. */
    public LagTracker(String clusterName, int windowSize, int tableSize, Duration groupExpiry) {
        this.clusterName = clusterName;
        this.windowSize = RingIndex.checked(windowSize, "the commit window (streamsight.lag.window)");
        this.tableSize = RingIndex.checked(tableSize, "the interpolation table (streamsight.lag.interpolation-points)");
        this.expiryMillis = groupExpiry.toMillis();
    }

    public LagSnapshot update(OffsetsObservation observation) {
        long now = observation.timeMillis();
        observation
                .endOffsets()
                .forEach((partition, end) -> tables.computeIfAbsent(partition, p -> new InterpolationTable(tableSize))
                        .add(now, end));
        tables.keySet().retainAll(observation.endOffsets().keySet());

        List<GroupLag> result = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (GroupOffsets group : observation.groups()) {
            listed.add(group.group());
            TrackedGroup tracked = groups.computeIfAbsent(group.group(), g -> new TrackedGroup());
            GroupLag lag = tracked.update(group, observation, now);
            if (group.members() > 0 || now - tracked.lastActivity <= expiryMillis) {
                result.add(lag);
            }
        }
        groups.keySet().retainAll(listed);
        result.sort((a, b) -> a.group().compareTo(b.group()));
        return new LagSnapshot(clusterName, Instant.ofEpochMilli(now), result);
    }

    /** Group partitions whose state is kept (one commit window each), for memory accounting. */
    public int trackedGroupPartitions() {
        return groups.values().stream().mapToInt(g -> g.windows.size()).sum();
    }

    private final class TrackedGroup {
        final Map<TopicPartition, CommitWindow> windows = new HashMap<>();
        final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
        long lastActivity = Long.MIN_VALUE;

        GroupLag update(GroupOffsets group, OffsetsObservation observation, long now) {
            boolean active = group.members() > 0;
            Set<String> topics = new TreeSet<>();
            group.committed().keySet().forEach(p -> topics.add(p.topic()));
            group.owners().keySet().forEach(p -> topics.add(p.topic()));

            List<PartitionLag> partitions = new ArrayList<>();
            List<LagStatus> statuses = new ArrayList<>();
            Map<String, Long> topicSumLag = new TreeMap<>();
            Set<TopicPartition> reported = new HashSet<>();
            long maxLag = 0;
            long sumLag = 0;
            double maxLagSeconds = Double.NaN;
            for (String topic : topics) {
                for (TopicPartition partition : partitionsOf(topic, group, observation)) {
                    Long end = observation.endOffsets().get(partition);
                    if (end == null) {
                        continue;
                    }
                    long start = observation.startOffsets().getOrDefault(partition, 0L);
                    Owner owner = group.owners().getOrDefault(partition, Owner.NONE);
                    Long committed = group.committed().get(partition);
                    reported.add(partition);
                    if (committed == null) {
                        partitions.add(new PartitionLag(
                                topic,
                                partition.partition(),
                                null,
                                end,
                                start,
                                null,
                                null,
                                LagStatus.OK,
                                owner.host(),
                                owner.consumerId(),
                                owner.clientId()));
                        continue;
                    }
                    long lag = Math.max(0, end - committed);
                    Long previous = lastCommitted.put(partition, committed);
                    boolean moved = previous == null || previous.longValue() != committed;
                    CommitWindow window = windows.computeIfAbsent(partition, p -> new CommitWindow(windowSize));
                    if (moved || active) {
                        window.add(committed, lag, now);
                    }
                    if (moved) {
                        lastActivity = now;
                    }
                    double lagSeconds = tables.get(partition).timeLagSeconds(committed, now);
                    LagStatus status = GroupStatusEvaluator.partition(window, lag, lagSeconds, now);
                    statuses.add(status);
                    partitions.add(new PartitionLag(
                            topic,
                            partition.partition(),
                            committed,
                            end,
                            start,
                            lag,
                            Double.isNaN(lagSeconds) ? null : lagSeconds,
                            status,
                            owner.host(),
                            owner.consumerId(),
                            owner.clientId()));
                    maxLag = Math.max(maxLag, lag);
                    sumLag += lag;
                    topicSumLag.merge(topic, lag, Long::sum);
                    if (!Double.isNaN(lagSeconds) && !(lagSeconds <= maxLagSeconds)) {
                        maxLagSeconds = lagSeconds;
                    }
                }
            }
            windows.keySet().retainAll(reported);
            lastCommitted.keySet().retainAll(reported);
            if (active) {
                lastActivity = now;
            }
            return new GroupLag(
                    group.group(),
                    group.state(),
                    group.members(),
                    GroupStatusEvaluator.group(statuses),
                    maxLag,
                    sumLag,
                    Double.isNaN(maxLagSeconds) ? null : maxLagSeconds,
                    topicSumLag,
                    Instant.ofEpochMilli(lastActivity),
                    partitions);
        }
    }

    /** Every partition of the topic; if the topic could not be described, those the group knows of. */
    private static List<TopicPartition> partitionsOf(String topic, GroupOffsets group, OffsetsObservation observation) {
        List<TopicPartition> all = observation.partitionsByTopic().get(topic);
        if (all != null) {
            return all;
        }
        Set<TopicPartition> known = new TreeSet<>((a, b) -> Integer.compare(a.partition(), b.partition()));
        group.committed().keySet().stream().filter(p -> p.topic().equals(topic)).forEach(known::add);
        group.owners().keySet().stream().filter(p -> p.topic().equals(topic)).forEach(known::add);
        return List.copyOf(known);
    }
}
