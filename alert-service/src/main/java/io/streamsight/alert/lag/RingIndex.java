package io.streamsight.alert.lag;

/**
 * Slot arithmetic of a fixed-capacity ring kept in parallel primitive arrays (no object per
 * entry): where to write next, dropping the oldest once full, and where the i-th oldest is.
 */
final class RingIndex {

    private final int capacity;
    private int next;
    private int size;

    RingIndex(int capacity) {
        this.capacity = capacity;
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
