package io.streamsight.alert.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamsight.alert.lag.InterpolationTable.Predicted;
import io.streamsight.alert.lag.InterpolationTable.TooFewPoints;
import io.streamsight.alert.lag.InterpolationTable.ZeroLag;
import org.junit.jupiter.api.Test;

class InterpolationTableTest {

    @Test
    void interpolatesBetweenTheTwoPointsAroundTheOffset() {
        InterpolationTable table = new InterpolationTable(10);
        table.add(1_000, 100);
        table.add(2_000, 200);
        table.add(3_000, 400);

        assertThat(table.lookup(150)).isEqualTo(new Predicted(1_500, false));
        assertThat(table.lookup(300)).isEqualTo(new Predicted(2_500, false));
        assertThat(table.timeLagSeconds(300, 4_000)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void extrapolatesTheTablesTrendForAnOffsetOlderThanTheTable() {
        InterpolationTable table = new InterpolationTable(10);
        table.add(10_000, 1_000);
        table.add(11_000, 1_100);
        table.add(12_000, 1_200);

        assertThat(table.lookup(500)).isEqualTo(new Predicted(5_000, true));
    }

    @Test
    void anOffsetAtTheLatestEndIsZeroLagEvenWithOnePoint() {
        InterpolationTable table = new InterpolationTable(10);
        table.add(1_000, 100);

        assertThat(table.lookup(100)).isEqualTo(new ZeroLag());
        assertThat(table.timeLagSeconds(100, 9_000)).isZero();
        assertThat(table.lookup(99)).isEqualTo(new TooFewPoints());
        assertThat(table.timeLagSeconds(99, 9_000)).isNaN();
        assertThat(new InterpolationTable(10).lookup(0)).isEqualTo(new TooFewPoints());
    }

    @Test
    void anIdlePartitionKeepsOnlyTheEndsOfAFlatRun() {
        InterpolationTable table = new InterpolationTable(3);
        table.add(1_000, 0);
        table.add(2_000, 100);
        table.add(3_000, 100);
        table.add(4_000, 100);
        table.add(5_000, 100);

        assertThat(table.size()).isEqualTo(3);
        // 50 still interpolates on the first segment: the flat run did not push it out
        assertThat(table.lookup(50)).isEqualTo(new Predicted(1_500, false));
        table.add(6_000, 200);
        // offset 100 was the end until 5 s, and the record at 100 arrived after that
        assertThat(table.lookup(100)).isEqualTo(new Predicted(5_000, false));
    }

    @Test
    void aFlatTableGivesItsFirstPointAsALowerBound() {
        InterpolationTable table = new InterpolationTable(5);
        table.add(1_000, 100);
        table.add(2_000, 100);

        assertThat(table.lookup(40)).isEqualTo(new Predicted(1_000, true));
    }

    @Test
    void ignoresPointsOutOfOrderAndRestartsWhenTheEndGoesBackwards() {
        InterpolationTable table = new InterpolationTable(5);
        table.add(2_000, 200);
        table.add(1_000, 100);
        assertThat(table.size()).isEqualTo(1);

        table.add(3_000, 300);
        table.add(4_000, 10);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.lookup(5)).isEqualTo(new TooFewPoints());
    }

    @Test
    void aFullTableDropsItsOldestPoint() {
        InterpolationTable table = new InterpolationTable(2);
        table.add(1_000, 100);
        table.add(2_000, 200);
        table.add(3_000, 300);

        assertThat(table.size()).isEqualTo(2);
        // 150 is now older than the table: extrapolated from 200..300
        assertThat(table.lookup(150)).isEqualTo(new Predicted(1_500, true));
    }
}
