package io.streamsight.alert.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamsight.alert.lag.LagSnapshot.GroupLag;
import io.streamsight.alert.lag.LagSnapshot.PartitionLag;
import io.streamsight.alert.lag.OffsetsObservation.GroupOffsets;
import io.streamsight.alert.lag.OffsetsObservation.Owner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final LagTracker tracker = new LagTracker("test", 5, 10, Duration.ofSeconds(60));

    private static OffsetsObservation observe(long at, GroupOffsets group, long end0, long end1) {
        return new OffsetsObservation(
                at,
                List.of(group),
                Map.of("orders", List.of(P0, P1)),
                Map.of(P0, end0, P1, end1),
                Map.of(P0, 0L, P1, 0L));
    }

    private static GroupOffsets empty(String group, Map<TopicPartition, Long> committed) {
        return new GroupOffsets(group, "EMPTY", 0, committed, Map.of());
    }

    @Test
    void reportsLagPerPartitionWithMaxAndSumAndThePartitionWithoutCommit() {
        Owner owner = new Owner("/10.0.0.7", "consumer-1", "client-1");
        GroupOffsets group = new GroupOffsets("g", "STABLE", 1, Map.of(P0, 70L), Map.of(P0, owner, P1, owner));
        tracker.update(observe(1_000, group, 50, 10));
        GroupLag lag = tracker.update(observe(2_000, group, 150, 20)).groups().get(0);

        assertThat(lag.maxLag()).isEqualTo(80);
        assertThat(lag.sumLag()).isEqualTo(80);
        assertThat(lag.topicSumLag()).containsExactly(Map.entry("orders", 80L));
        PartitionLag p0 = lag.partitions().get(0);
        assertThat(p0.lag()).isEqualTo(80);
        // end offset 70 was reached 1.2 s in (50 at 1 s, 150 at 2 s): 0.8 s before the poll
        assertThat(p0.lagSeconds()).isCloseTo(0.8, within(1e-9));
        assertThat(p0.memberHost()).isEqualTo("/10.0.0.7");
        PartitionLag p1 = lag.partitions().get(1);
        assertThat(p1.committedOffset()).isNull();
        assertThat(p1.lag()).isNull();
        assertThat(p1.endOffset()).isEqualTo(20);
    }

    @Test
    void aGroupWithoutMembersIsReportedUntilItHasBeenInactiveForTheExpiry() {
        GroupOffsets group = empty("spark", Map.of(P0, 5L, P1, 5L));
        assertThat(tracker.update(observe(0, group, 10, 10)).groups()).hasSize(1);
        assertThat(tracker.update(observe(60_000, group, 10, 10)).groups()).hasSize(1);
        assertThat(tracker.update(observe(60_001, group, 10, 10)).groups()).isEmpty();

        GroupOffsets moved = empty("spark", Map.of(P0, 6L, P1, 5L));
        assertThat(tracker.update(observe(70_000, moved, 10, 10)).groups())
                .singleElement()
                .satisfies(g -> assertThat(g.sumLag()).isEqualTo(9));
    }

    @Test
    void aGroupWithoutMembersThatStopsCommittingWhileLagGrowsIsStopped() {
        tracker.update(observe(0, empty("g", Map.of(P0, 10L, P1, 10L)), 20, 20));
        tracker.update(observe(1_000, empty("g", Map.of(P0, 20L, P1, 20L)), 30, 30));
        tracker.update(observe(2_000, empty("g", Map.of(P0, 30L, P1, 30L)), 40, 40));
        GroupOffsets silent = empty("g", Map.of(P0, 30L, P1, 30L));
        // lag 10 at every commit, records a second old: what committing every second leaves behind (OK);
        // one second of silence is not yet longer than the 2 s window
        assertThat(tracker.update(observe(3_000, silent, 50, 50))
                        .groups()
                        .get(0)
                        .status())
                .isEqualTo(LagStatus.OK);
        assertThat(tracker.update(observe(6_000, silent, 80, 80))
                        .groups()
                        .get(0)
                        .status())
                .isEqualTo(LagStatus.STOP);
    }

    @Test
    void aLiveConsumerCommittingTheSameOffsetWithLagIsStalled() {
        GroupOffsets stuck = new GroupOffsets("g", "STABLE", 1, Map.of(P0, 10L, P1, 10L), Map.of());
        LagStatus status = null;
        for (int i = 0; i < 5; i++) {
            status = tracker.update(observe(i * 1_000L, stuck, 20 + i, 20 + i))
                    .groups()
                    .get(0)
                    .status();
        }
        assertThat(status).isEqualTo(LagStatus.STALL);
    }

    @Test
    void refusesAWindowOrATableTooSmallToJudgeAnything() {
        assertThatThrownBy(() -> new LagTracker("test", 1, 10, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamsight.lag.window");
        assertThatThrownBy(() -> new LagTracker("test", 5, 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamsight.lag.interpolation-points");
    }
}
