package io.streamsight.generator.synth;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The only source of randomness of the generators: every choice is drawn from one seeded
 * stream, so the same seed replays the same events. Not thread-safe; each generator owns one.
 */
public final class SeededRandom {

    private final SplittableRandom random;

    public SeededRandom(long seed) {
        this(new SplittableRandom(seed));
    }

    private SeededRandom(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, itself deterministic given this one's position. */
    public SeededRandom split() {
        return new SeededRandom(random.split());
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in {@code [from, to]}. */
    public int between(int from, int to) {
        return random.nextInt(from, to + 1);
    }

    public double uniform(double from, double to) {
        return random.nextDouble(from, to);
    }

    public double gaussian() {
        return random.nextGaussian();
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    public <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** A log-normal amount around {@code median}, clamped and rounded to cents. */
    public BigDecimal amount(double median, double sigma, double min, double max) {
        double value = median * Math.exp(sigma * random.nextGaussian());
        return cents(Math.max(min, Math.min(max, value)));
    }

    public BigDecimal amountBetween(double min, double max) {
        return cents(random.nextDouble(min, max));
    }

    /** A version-4 shaped UUID drawn from this stream, so ids repeat with the seed. */
    public String uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    static BigDecimal cents(double value) {
        return BigDecimal.valueOf(Math.max(1, Math.round(value * 100)), 2);
    }
}
