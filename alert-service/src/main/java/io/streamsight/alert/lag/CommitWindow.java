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
    private int next;
    private int size;

    public CommitWindow(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a commit window needs at least 2 entries, was " + capacity);
        }
        offsets = new long[capacity];
        lags = new long[capacity];
        times = new long[capacity];
    }

    /** Adds a commit, dropping the oldest once the window is full. */
    public void add(long offset, long lag, long timeMillis) {
        offsets[next] = offset;
        lags[next] = Math.max(0, lag);
        times[next] = timeMillis;
        next = (next + 1) % offsets.length;
        size = Math.min(size + 1, offsets.length);
    }

    public int size() {
        return size;
    }

    /** The i-th commit's offset, 0 being the oldest in the window. */
    public long offset(int i) {
        return offsets[slot(i)];
    }

    public long lag(int i) {
        return lags[slot(i)];
    }

    public long timeMillis(int i) {
        return times[slot(i)];
    }

    public long lastOffset() {
        return offset(size - 1);
    }

    private int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("commit " + i + " of " + size);
        }
        return Math.floorMod(next - size + i, offsets.length);
    }
}
