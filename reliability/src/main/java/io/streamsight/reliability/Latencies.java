package io.streamsight.reliability;

import java.util.List;

/** Percentiles of the latencies a scenario measured, for its report. */
final class Latencies {

    private Latencies() {}

    /** The {@code q} quantile of {@code sorted} latencies, nearest rank, or a dash when there are none. */
    static String percentile(List<Long> sorted, double q) {
        return sorted.isEmpty()
                ? "–"
                : Long.toString(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)));
    }
}
