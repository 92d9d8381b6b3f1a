package io.streamsight.alert.lag;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.streamsight.alert.lag.LagSnapshot.GroupLag;
import io.streamsight.alert.lag.LagSnapshot.PartitionLag;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exporter's Prometheus metrics, under kafka-lag-exporter's names and labels so that its
 * Grafana dashboards work unchanged (they carry no unit suffix: an accepted exception to the
 * project's naming rule, see docs/lag.md), plus a per-group status and the poll's own cost.
 * Series of groups and partitions that are no longer reported are removed.
 */
@ApplicationScoped
public class LagMetrics {

    private final MeterRegistry registry;
    private final Family groupOffset;
    private final Family groupLag;
    private final Family groupLagSeconds;
    private final Family maxLag;
    private final Family maxLagSeconds;
    private final Family sumLag;
    private final Family topicSumLag;
    private final Family latestOffset;
    private final Family earliestOffset;
    private final Family status;
    private final Family withoutOffset;
    private final Timer pollDuration;
    private final Counter pollFailures;

    public LagMetrics(MeterRegistry registry) {
        this.registry = registry;
        groupOffset = new Family("kafka_consumergroup_group_offset", "Last group consumed offset of a partition");
        groupLag = new Family("kafka_consumergroup_group_lag", "Group offset lag of a partition");
        groupLagSeconds = new Family("kafka_consumergroup_group_lag_seconds", "Group time lag of a partition");
        maxLag = new Family("kafka_consumergroup_group_max_lag", "Max group offset lag");
        maxLagSeconds = new Family("kafka_consumergroup_group_max_lag_seconds", "Max group time lag");
        sumLag = new Family("kafka_consumergroup_group_sum_lag", "Sum of group offset lag");
        topicSumLag = new Family(
                "kafka_consumergroup_group_topic_sum_lag", "Sum of group offset lag across topic partitions");
        latestOffset = new Family("kafka_partition_latest_offset", "Latest offset of a partition");
        earliestOffset = new Family("kafka_partition_earliest_offset", "Earliest offset of a partition");
        status = new Family(
                "streamsight_lag_group_status",
                "Burrow status of a consumer group: 1 for the current status, 0 for the others");
        withoutOffset = new Family(
                "streamsight_lag_partitions_without_offset",
                "Partitions of consumed topics for which the group has no committed offset");
        pollDuration = Timer.builder("streamsight.lag.poll.duration")
                .description("One poll of the cluster's consumer groups and offsets, with evaluation")
                .register(registry);
        pollFailures = Counter.builder("streamsight.lag.poll.failures")
                .description("Polls that failed")
                .register(registry);
    }

    public void polled(LagSnapshot snapshot, Duration took) {
        pollDuration.record(took);
        String cluster = snapshot.clusterName();
        Map<Tags, Number> offsets = new HashMap<>();
        Map<Tags, Number> lags = new HashMap<>();
        Map<Tags, Number> lagSeconds = new HashMap<>();
        Map<Tags, Number> maxLags = new HashMap<>();
        Map<Tags, Number> maxLagsSeconds = new HashMap<>();
        Map<Tags, Number> sums = new HashMap<>();
        Map<Tags, Number> topicSums = new HashMap<>();
        Map<Tags, Number> latest = new HashMap<>();
        Map<Tags, Number> earliest = new HashMap<>();
        Map<Tags, Number> statuses = new HashMap<>();
        Map<Tags, Number> missing = new HashMap<>();
        for (GroupLag group : snapshot.groups()) {
            Tags groupTags = Tags.of("cluster_name", cluster, "group", group.group());
            maxLags.put(groupTags, group.maxLag());
            sums.put(groupTags, group.sumLag());
            if (group.maxLagSeconds() != null) {
                maxLagsSeconds.put(groupTags, group.maxLagSeconds());
            }
            group.topicSumLag().forEach((topic, sum) -> topicSums.put(groupTags.and("topic", topic), sum));
            for (LagStatus s : LagStatus.values()) {
                statuses.put(groupTags.and("status", s.name()), s == group.status() ? 1 : 0);
            }
            int withoutCommit = 0;
            for (PartitionLag p : group.partitions()) {
                Tags topicPartition = Tags.of(
                        "cluster_name", cluster, "topic", p.topic(), "partition", Integer.toString(p.partition()));
                latest.put(topicPartition, p.endOffset());
                earliest.put(topicPartition, p.startOffset());
                if (p.committedOffset() == null) {
                    withoutCommit++;
                    continue;
                }
                Tags tags = groupTags.and(
                        "topic",
                        p.topic(),
                        "partition",
                        Integer.toString(p.partition()),
                        "member_host",
                        p.memberHost(),
                        "consumer_id",
                        p.consumerId(),
                        "client_id",
                        p.clientId());
                offsets.put(tags, p.committedOffset());
                lags.put(tags, p.lag());
                if (p.lagSeconds() != null) {
                    lagSeconds.put(tags, p.lagSeconds());
                }
            }
            missing.put(groupTags, withoutCommit);
        }
        groupOffset.set(offsets);
        groupLag.set(lags);
        groupLagSeconds.set(lagSeconds);
        maxLag.set(maxLags);
        maxLagSeconds.set(maxLagsSeconds);
        sumLag.set(sums);
        topicSumLag.set(topicSums);
        latestOffset.set(latest);
        earliestOffset.set(earliest);
        status.set(statuses);
        withoutOffset.set(missing);
    }

    public void pollFailed() {
        pollFailures.increment();
    }

    /**
     * All series of one metric name. A series' gauge reads the latest value by its tags, so a poll
     * registers only new series and removes vanished ones instead of re-registering everything.
     */
    private final class Family {
        private final MultiGauge gauge;
        private volatile Map<Tags, Number> values = Map.of();

        Family(String name, String help) {
            gauge = MultiGauge.builder(name).description(help).register(registry);
        }

        void set(Map<Tags, Number> latest) {
            values = latest;
            List<MultiGauge.Row<?>> rows = latest.keySet().stream()
                    .<MultiGauge.Row<?>>map(
                            tags -> MultiGauge.Row.of(tags, () -> values.getOrDefault(tags, Double.NaN)))
                    .toList();
            gauge.register(rows, false);
        }
    }
}
