package io.streamsight.alert.lag;

/**
 * When was a given offset the end of a partition's log? A bounded table of (time, end offset)
 * points, one per poll, answers by linear interpolation between the two points around the offset,
 * or by extrapolating the table's overall trend for an offset older than the table (the approach
 * of kafka-lag-exporter). A consumer's time lag is then "now minus the moment its committed offset
 * was the end of the log": how long the oldest record it has not processed has been waiting.
 * <p>
 * Points keep offsets non-decreasing in time: a point older than the last one is ignored, an end
 * offset lower than the last one (the topic was deleted and recreated) starts the table afresh, and
 * a run of equal offsets is kept as its first and last point only, so an idle partition does not
 * push the useful history out of the table.
 */
public final class InterpolationTable {

    /** What the table can say about an offset. */
    public sealed interface Estimate permits TooFewPoints, ZeroLag, Predicted {}

    /** Fewer than two points and the offset is not the latest end offset: nothing can be estimated yet. */
    public record TooFewPoints() implements Estimate {}

    /** The offset is at (or past) the latest end offset seen: there is nothing to wait for. */
    public record ZeroLag() implements Estimate {}

    /** The offset was the end of the log at {@code timeMillis}; {@code extrapolated} if outside the table. */
    public record Predicted(double timeMillis, boolean extrapolated) implements Estimate {}

    private final long[] times;
    private final long[] offsets;
    private final RingIndex ring;

    public InterpolationTable(int capacity) {
        ring = new RingIndex(capacity, "an interpolation table");
        times = new long[capacity];
        offsets = new long[capacity];
    }

    public void add(long timeMillis, long endOffset) {
        int size = ring.size();
        if (size > 0) {
            long lastTime = time(size - 1);
            long lastOffset = offset(size - 1);
            if (timeMillis <= lastTime) {
                return;
            }
            if (endOffset < lastOffset) {
                ring.clear();
            } else if (endOffset == lastOffset && size > 1 && offset(size - 2) == endOffset) {
                times[ring.slot(size - 1)] = timeMillis;
                return;
            }
        }
        int slot = ring.append();
        times[slot] = timeMillis;
        offsets[slot] = endOffset;
    }

    public int size() {
        return ring.size();
    }

    public Estimate lookup(long offset) {
        int size = ring.size();
        if (size > 0 && offset >= offset(size - 1)) {
            return new ZeroLag();
        }
        if (size < 2) {
            return new TooFewPoints();
        }
        for (int right = size - 1; right > 0; right--) {
            int left = right - 1;
            if (offset >= offset(left) && offset <= offset(right)) {
                return new Predicted(interpolate(left, right, offset), false);
            }
        }
        // Older than the table: extend the table's overall trend backwards. A table that is flat
        // end to end has no trend; its first point is then a lower bound of the lag.
        if (offset(size - 1) == offset(0)) {
            return new Predicted(time(0), true);
        }
        return new Predicted(interpolate(0, size - 1, offset), true);
    }

    /**
     * Seconds since {@code offset} was the end of the log, as of {@code nowMillis}: 0 for zero lag,
     * NaN while the table has too few points to say.
     */
    public double timeLagSeconds(long offset, long nowMillis) {
        Estimate estimate = lookup(offset);
        if (estimate instanceof Predicted predicted) {
            return Math.max(0, (nowMillis - predicted.timeMillis()) / 1000.0);
        }
        return estimate instanceof ZeroLag ? 0 : Double.NaN;
    }

    /** The time at which the line through points left and right reaches {@code offset}. */
    private double interpolate(int left, int right, long offset) {
        double dt = time(right) - time(left);
        double dOffset = offset(right) - offset(left);
        if (dOffset == 0) {
            return time(left);
        }
        return time(right) - (offset(right) - offset) * dt / dOffset;
    }

    private long time(int i) {
        return times[ring.slot(i)];
    }

    private long offset(int i) {
        return offsets[ring.slot(i)];
    }
}
