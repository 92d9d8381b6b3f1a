package io.streamsight.bench.alerts;

import java.util.concurrent.atomic.AtomicLongArray;

/** Lock-free latency histogram, 100 µs buckets up to 60 s; enough resolution for p50/p99/max. */
final class LatencyHistogram {

    private static final long BUCKET_MICROS = 100;
    private final AtomicLongArray counts = new AtomicLongArray(600_000);

    void record(long micros) {
        int bucket = (int) Math.min(counts.length() - 1, Math.max(0, micros / BUCKET_MICROS));
        counts.incrementAndGet(bucket);
    }

    long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** Upper bound of the bucket holding the given quantile, in milliseconds. */
    double quantileMillis(double quantile) {
        long total = count();
        long target = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= target && seen > 0) {
                return (i + 1) * BUCKET_MICROS / 1000.0;
            }
        }
        return Double.NaN;
    }

    String summary() {
        return "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms"
                .formatted(count(), quantileMillis(0.50), quantileMillis(0.99), quantileMillis(1.0));
    }
}
