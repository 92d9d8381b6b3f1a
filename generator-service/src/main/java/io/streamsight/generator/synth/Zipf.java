package io.streamsight.generator.synth;

import java.util.Arrays;

/** Skewed popularity: rank k is drawn with weight 1/k^exponent, so a few items get most traffic. */
final class Zipf {

    private final double[] cumulative;

    Zipf(int size, double exponent) {
        cumulative = new double[size];
        double total = 0;
        for (int rank = 1; rank <= size; rank++) {
            total += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < size; i++) {
            cumulative[i] /= total;
        }
    }

    /** A zero-based rank. */
    int sample(SeededRandom random) {
        int index = Arrays.binarySearch(cumulative, random.uniform(0, 1));
        return Math.min(index >= 0 ? index : -index - 1, cumulative.length - 1);
    }
}
