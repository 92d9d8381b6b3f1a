package io.streamsight.alert.lag;

/**
 * Slot arithmetic of a fixed-capacity ring kept in parallel primitive arrays (no object per
 * entry): where to write next, dropping the oldest once full, and where the i-th oldest is.
 */
final class RingIndex {

    private final int capacity;
    private int next;
    private int size;

    RingIndex(int capacity, String what) {
        this.capacity = checked(capacity, what);
    }

    /** Rings shorter than 2 cannot hold a trend or a change: refused up front, with what it is for. */
    static int checked(int capacity, String what) {
        if (capacity < 2) {
            throw new IllegalArgumentException(what + " needs at least 2 entries, was " + capacity);
        }
        return capacity;
    }

    int size() {
        return size;
    }

    /** The slot for a new newest entry. */
    int append() {
        int slot = next;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
        return slot;
    }

    /** The slot of the i-th entry, 0 being the oldest. */
    int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("entry " + i + " of " + size);
        }
        return Math.floorMod(next - size + i, capacity);
    }

    void clear() {
        size = 0;
    }
}
