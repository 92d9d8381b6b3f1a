package io.streamsight.alert.lag;

/**
 * A consumer group's (or one of its partitions') health in Burrow's terms, in increasing order of
 * severity. Partitions are OK, WARN, STOP, STALL or REWIND; ERR is a group whose partitions are in
 * different error states (see {@link GroupStatusEvaluator#group}).
 */
public enum LagStatus {
    /** Keeping up: lag is zero now or was zero within the window, or it is going down. */
    OK,
    /** Committing, but lag did not go down anywhere within the window: the consumer is too slow. */
    WARN,
    /** Partitions are in more than one error state (STOP, STALL, REWIND). */
    ERR,
    /** No commit for longer than the window spans, with lag: the consumer has stopped. */
    STOP,
    /** Alive and committing, but always the same offset, with lag: the consumer is stuck. */
    STALL,
    /** The committed offset went backwards within the window (an offset reset or a replay). */
    REWIND;

    /**
     * Whether entering this status raises a lag alert. A rewind does not: it is usually an
     * operator's deliberate offset reset, and it shows on the dashboard and in the metrics.
     */
    public boolean alerting() {
        return this == WARN || this == ERR || this == STOP || this == STALL;
    }

    boolean error() {
        return this == STOP || this == STALL || this == REWIND;
    }
}
