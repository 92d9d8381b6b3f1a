package io.streamsight.alert.lag;

/**
 * Burrow's sliding window for one partition of one group: the last {@code capacity} commits seen,
 * each with its offset, the partition's lag at that moment (never negative) and when it was seen.
 * Parallel primitive arrays keep a tracked partition small (see docs/benchmarks.md).
 */
public final class CommitWindow {

    private final long[] offsets;
    private final long[] lags;
    private final long[] times;
    private final RingIndex ring;

    public CommitWindow(int capacity) {
        ring = new RingIndex(capacity, "a commit window");
        offsets = new long[capacity];
        lags = new long[capacity];
        times = new long[capacity];
    }

    /** Adds a commit, dropping the oldest once the window is full. */
    public void add(long offset, long lag, long timeMillis) {
        int slot = ring.append();
        offsets[slot] = offset;
        lags[slot] = Math.max(0, lag);
        times[slot] = timeMillis;
    }

    public int size() {
        return ring.size();
    }

    /** The i-th commit's offset, 0 being the oldest in the window. */
    public long offset(int i) {
        return offsets[ring.slot(i)];
    }

    public long lag(int i) {
        return lags[ring.slot(i)];
    }

    public long timeMillis(int i) {
        return times[ring.slot(i)];
    }

    public long lastOffset() {
        return offset(ring.size() - 1);
    }
}
