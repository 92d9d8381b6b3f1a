package io.streamsight.alert.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Alert ids in the order they were first seen, with the time each was seen, in primitive arrays:
 * an id is kept as the first 128 bits of its SHA-256 (the ids are themselves 128-bit SHA-256
 * prefixes, so this loses nothing a collision could take), in a ring of insertion order indexed by
 * an open-addressing table. About 32 bytes an id, where a {@code LinkedHashMap<String, Instant>}
 * took some 160: at the default million ids, two windows (intake and feed) held 300 MiB of a
 * 384 MiB heap. Not thread-safe; {@link DedupWindow} guards it.
 */
final class SeenIds {

    private static final int FIRST_CAPACITY = 1 << 10;

    private final int maxEntries;
    private final MessageDigest sha256;
    private long[] high;
    private long[] low;
    private long[] seenAt;
    /** Ring slot + 1 of each id, at its hash's position or after it (linear probing); 0: free. */
    private int[] index;

    private int oldest;
    private int size;

    SeenIds(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the dedup window must hold at least one id, not " + maxEntries);
        }
        this.maxEntries = maxEntries;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        allocate(Math.min(maxEntries, FIRST_CAPACITY));
    }

    int size() {
        return size;
    }

    /** Adds the id unless present; false if it was already there. At capacity the oldest id goes first. */
    boolean add(String id, long atMillis) {
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(id.getBytes(StandardCharsets.UTF_8)));
        long hi = digest.getLong();
        long lo = digest.getLong();
        if (find(hi, lo) >= 0) {
            return false;
        }
        if (size == high.length) {
            if (high.length < maxEntries) {
                grow();
            } else {
                removeOldest();
            }
        }
        int slot = (oldest + size) % high.length;
        high[slot] = hi;
        low[slot] = lo;
        seenAt[slot] = atMillis;
        int i = home(hi, lo);
        while (index[i] != 0) {
            i = (i + 1) & (index.length - 1);
        }
        index[i] = slot + 1;
        size++;
        return true;
    }

    /** Forgets, oldest first, the ids seen before {@code horizonMillis}, stopping at the first that was not. */
    void forgetSeenBefore(long horizonMillis) {
        while (size > 0 && seenAt[oldest] < horizonMillis) {
            removeOldest();
        }
    }

    private int find(long hi, long lo) {
        int i = home(hi, lo);
        while (index[i] != 0) {
            int slot = index[i] - 1;
            if (high[slot] == hi && low[slot] == lo) {
                return i;
            }
            i = (i + 1) & (index.length - 1);
        }
        return -1;
    }

    private void removeOldest() {
        int mask = index.length - 1;
        int hole = find(high[oldest], low[oldest]);
        // Backward-shift deletion: pull later entries of the probe run into the hole unless their
        // home lies cyclically after the hole, so every remaining id stays reachable from its home.
        for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
            int slot = index[next] - 1;
            int home = home(high[slot], low[slot]);
            boolean homeAfterHole = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (!homeAfterHole) {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
        oldest = (oldest + 1) % high.length;
        size--;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        long[] oldSeenAt = seenAt;
        int oldOldest = oldest;
        int count = size;
        allocate(Math.min(maxEntries, oldHigh.length * 2));
        for (int n = 0; n < count; n++) {
            int from = (oldOldest + n) % oldHigh.length;
            high[n] = oldHigh[from];
            low[n] = oldLow[from];
            seenAt[n] = oldSeenAt[from];
            int i = home(high[n], low[n]);
            while (index[i] != 0) {
                i = (i + 1) & (index.length - 1);
            }
            index[i] = n + 1;
        }
        size = count;
    }

    private void allocate(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
        seenAt = new long[capacity];
        index = new int[Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1];
        oldest = 0;
        size = 0;
    }

    private int home(long hi, long lo) {
        return (int) (hi ^ (hi >>> 32) ^ lo) & (index.length - 1);
    }
}
