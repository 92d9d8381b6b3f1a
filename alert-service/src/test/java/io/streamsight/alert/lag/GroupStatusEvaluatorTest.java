package io.streamsight.alert.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupStatusEvaluatorTest {

    private static final long NOW = 100_000;

    /** Commits one second apart ending at {@code lastAt}: {offset, lag} pairs. */
    private static CommitWindow window(long lastAt, long[]... commits) {
        CommitWindow window = new CommitWindow(10);
        for (int i = 0; i < commits.length; i++) {
            window.add(commits[i][0], commits[i][1], lastAt - (commits.length - 1 - i) * 1_000L);
        }
        return window;
    }

    private static LagStatus evaluate(CommitWindow window, long currentLag, double timeLagSeconds) {
        return GroupStatusEvaluator.partition(window, currentLag, timeLagSeconds, NOW);
    }

    @Test
    void zeroLagNowOrWithinTheWindowIsOk() {
        CommitWindow sometimesCaughtUp = window(NOW, new long[] {10, 5}, new long[] {20, 0}, new long[] {25, 8});
        assertThat(evaluate(sometimesCaughtUp, 8, 1)).isEqualTo(LagStatus.OK);
        assertThat(evaluate(window(NOW, new long[] {10, 5}, new long[] {20, 6}), 0, 0))
                .isEqualTo(LagStatus.OK);
    }

    @Test
    void lagThatNeverDecreasesWhileCommittingIsAWarningOnceRecordsWaitLongerThanTheCommitCadenceExplains() {
        // commits 1 s apart: records waiting 5 s are behind, whatever the lag's shape
        CommitWindow slow = window(NOW, new long[] {10, 5}, new long[] {20, 7}, new long[] {30, 7}, new long[] {40, 9});
        assertThat(evaluate(slow, 9, 5)).isEqualTo(LagStatus.WARN);
        assertThat(evaluate(slow, 9, Double.NaN))
                .as("unknown time lag: Burrow's rule alone")
                .isEqualTo(LagStatus.WARN);

        CommitWindow catchingUp = window(NOW, new long[] {10, 5}, new long[] {20, 7}, new long[] {30, 4});
        assertThat(evaluate(catchingUp, 4, 5)).isEqualTo(LagStatus.OK);
    }

    @Test
    void aPeriodicCommitterWhoseLagHoldsAtItsCadenceIsOk() {
        // Spark's real-time mode: a commit at each 10 s batch end, 20 records/s arriving; the lag
        // never goes down because it is always the records since the last batch end
        CommitWindow periodic = new CommitWindow(10);
        for (int i = 0; i < 10; i++) {
            periodic.add(200L * (i + 1), 200, NOW - (9 - i) * 10_000L);
        }
        assertThat(evaluate(periodic, 200, 9.5)).isEqualTo(LagStatus.OK);
        // the same consumer once its records have waited more than two batches: behind
        assertThat(evaluate(periodic, 200, 25)).isEqualTo(LagStatus.WARN);
    }

    @Test
    void theSilenceBetweenTwoCommitsOfASlowCommitterIsNoStop() {
        // a dead-letter query committing every 30 s, seen twice so far, polled 31 s after its last commit
        CommitWindow halfMinute = new CommitWindow(10);
        halfMinute.add(100, 40, NOW - 61_000);
        halfMinute.add(190, 45, NOW - 31_000);
        assertThat(evaluate(halfMinute, 90, 31)).isEqualTo(LagStatus.OK);
        // silent for more than two of its gaps, and its records waited as long: stopped
        assertThat(GroupStatusEvaluator.partition(halfMinute, 300, 95, NOW + 60_000))
                .isEqualTo(LagStatus.STOP);
    }

    @Test
    void theSameOffsetCommittedOverAndOverWithLagIsAStall() {
        CommitWindow stuck = window(NOW, new long[] {30, 5}, new long[] {30, 9}, new long[] {30, 14});
        assertThat(evaluate(stuck, 14, 3)).isEqualTo(LagStatus.STALL);
    }

    @Test
    void noCommitForLongerThanTheWindowSpansWithLagIsAStop() {
        // commits from 80 s to 82 s (span 2 s), nothing since: 18 s of silence
        CommitWindow stopped = window(82_000, new long[] {10, 5}, new long[] {20, 0}, new long[] {30, 0});
        assertThat(evaluate(stopped, 40, 15)).isEqualTo(LagStatus.STOP);
    }

    @Test
    void aRecordThatHasJustArrivedAtAnIdleCaughtUpPartitionIsNotAStop() {
        CommitWindow idle = window(82_000, new long[] {10, 0}, new long[] {20, 0}, new long[] {30, 0});
        assertThat(evaluate(idle, 1, 0.3)).isEqualTo(LagStatus.OK);
    }

    @Test
    void anOffsetThatWentBackwardsIsARewindUntilTheConsumerIsPastItAgain() {
        CommitWindow reset = window(NOW, new long[] {100, 0}, new long[] {120, 0}, new long[] {10, 110});
        assertThat(evaluate(reset, 110, 30)).isEqualTo(LagStatus.REWIND);

        CommitWindow recovered = window(NOW, new long[] {100, 5}, new long[] {10, 95}, new long[] {130, 3});
        assertThat(evaluate(recovered, 3, 1)).isEqualTo(LagStatus.OK);
    }

    @Test
    void aSingleCommitSaysNothingYet() {
        assertThat(evaluate(window(NOW, new long[] {10, 50}), 50, 20)).isEqualTo(LagStatus.OK);
    }

    @Test
    void aGroupTakesItsPartitionsSharedErrorStateOrErrWhenTheyDiffer() {
        assertThat(GroupStatusEvaluator.group(List.of())).isEqualTo(LagStatus.OK);
        assertThat(GroupStatusEvaluator.group(List.of(LagStatus.OK, LagStatus.WARN)))
                .isEqualTo(LagStatus.WARN);
        assertThat(GroupStatusEvaluator.group(List.of(LagStatus.WARN, LagStatus.STOP, LagStatus.STOP)))
                .isEqualTo(LagStatus.STOP);
        assertThat(GroupStatusEvaluator.group(List.of(LagStatus.OK, LagStatus.STOP, LagStatus.STALL)))
                .isEqualTo(LagStatus.ERR);
        assertThat(GroupStatusEvaluator.group(List.of(LagStatus.REWIND))).isEqualTo(LagStatus.REWIND);
    }
}
