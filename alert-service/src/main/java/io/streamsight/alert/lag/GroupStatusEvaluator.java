package io.streamsight.alert.lag;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Burrow's consumer lag evaluation rules, over a partition's {@link CommitWindow} (docs/lag.md has
 * the rules and where we differ from Burrow). Pure: no Kafka, no clock of its own.
 */
public final class GroupStatusEvaluator {

    private GroupStatusEvaluator() {}

    /**
     * One partition's status.
     *
     * @param currentLag        end offset minus committed offset now
     * @param timeLagSeconds    how long the oldest unprocessed record has waited (NaN if unknown)
     */
    public static LagStatus partition(CommitWindow window, long currentLag, double timeLagSeconds, long nowMillis) {
        if (currentLag <= 0 || window.size() < 2) {
            return LagStatus.OK;
        }
        if (rewound(window)) {
            return LagStatus.REWIND;
        }
        if (stopped(window, timeLagSeconds, nowMillis)) {
            return LagStatus.STOP;
        }
        if (lagWasZero(window)) {
            return LagStatus.OK;
        }
        if (stalled(window)) {
            return LagStatus.STALL;
        }
        return lagNeverDecreased(window) && waitedLongerThanCadenceExplains(window, timeLagSeconds)
                ? LagStatus.WARN
                : LagStatus.OK;
    }

    /**
     * A group's status from its partitions': the one error state they share (STOP, STALL or
     * REWIND), ERR if they are in different error states, else WARN if any partition is slow, else OK.
     */
    public static LagStatus group(Collection<LagStatus> partitions) {
        Set<LagStatus> errors = EnumSet.noneOf(LagStatus.class);
        boolean slow = false;
        for (LagStatus status : partitions) {
            if (status.error()) {
                errors.add(status);
            }
            slow |= status == LagStatus.WARN;
        }
        if (errors.size() == 1) {
            return errors.iterator().next();
        }
        if (errors.size() > 1) {
            return LagStatus.ERR;
        }
        return slow ? LagStatus.WARN : LagStatus.OK;
    }

    /** The committed offset went down from one commit to the next and has not come back up since. */
    private static boolean rewound(CommitWindow window) {
        long highest = window.offset(0);
        boolean rewound = false;
        for (int i = 1; i < window.size(); i++) {
            if (window.offset(i) < window.offset(i - 1)) {
                rewound = true;
            }
            highest = Math.max(highest, window.offset(i));
        }
        return rewound && window.lastOffset() < highest;
    }

    /**
     * No commit for longer than the window spans (Burrow's rule 3) nor than two of the group's own
     * commit gaps, and the oldest unprocessed record has waited at least that long too: a record
     * that has just arrived at a partition the consumer had caught up on is not a stop (the
     * problem Burrow's broker-offset history solves), and neither is the silence between two
     * commits of a consumer that commits every half minute into a window that has just begun.
     */
    private static boolean stopped(CommitWindow window, double timeLagSeconds, long nowMillis) {
        long span = Math.max(window.timeMillis(window.size() - 1) - window.timeMillis(0), 2 * longestGap(window));
        long silent = nowMillis - window.timeMillis(window.size() - 1);
        boolean waitedLongEnough = Double.isNaN(timeLagSeconds) || timeLagSeconds * 1000 > span;
        return silent > span && waitedLongEnough;
    }

    /**
     * Burrow's WARN reads lag that never went down across the window as a consumer falling
     * behind. A consumer that commits periodically (Spark's real-time mode at each batch end,
     * micro-batch queries after each batch) always has up to one commit gap of records behind its
     * last commit, so its lag can sit at a level forever while it keeps up. It is behind only when
     * the oldest unprocessed record has waited longer than two of its longest commit gaps; with an
     * unknown time lag, Burrow's rule stands alone.
     */
    private static boolean waitedLongerThanCadenceExplains(CommitWindow window, double timeLagSeconds) {
        return Double.isNaN(timeLagSeconds) || timeLagSeconds * 1000 > 2 * longestGap(window);
    }

    /** The longest time between two consecutive commits in the window. */
    private static long longestGap(CommitWindow window) {
        long longest = 0;
        for (int i = 1; i < window.size(); i++) {
            longest = Math.max(longest, window.timeMillis(i) - window.timeMillis(i - 1));
        }
        return longest;
    }

    private static boolean lagWasZero(CommitWindow window) {
        for (int i = 0; i < window.size(); i++) {
            if (window.lag(i) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean stalled(CommitWindow window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.offset(i) != window.offset(0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean lagNeverDecreased(CommitWindow window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.lag(i) < window.lag(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
