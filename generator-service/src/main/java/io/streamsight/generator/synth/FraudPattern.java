package io.streamsight.generator.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Known fraud shapes injected into the transaction stream. Each plans the transactions of one
 * occurrence; every step marked as fraud is published to {@code fraud_ground_truth} with the
 * pattern's {@link #wireName()}.
 */
public enum FraudPattern {
    /** One purchase far above anything ordinary (amount_over_5000). */
    HIGH_AMOUNT(1, 1) {
        @Override
        List<PlannedTransaction> plan(int user, Population users, SeededRandom random) {
            Category category = random.pick(List.of(Category.ELECTRONICS, Category.HOME, Category.CLOTHING));
            return List.of(new PlannedTransaction(
                    user,
                    category,
                    random.pick(category.merchants()),
                    random.amountBetween(5000.01, 20000),
                    users.home(user),
                    this));
        }
    },
    /** An ordinary-looking purchase from a listed suspicious location. */
    SUSPICIOUS_LOCATION(1, 1) {
        @Override
        List<PlannedTransaction> plan(int user, Population users, SeededRandom random) {
            Category category = random.pick(Category.values());
            return List.of(new PlannedTransaction(
                    user,
                    category,
                    random.pick(category.merchants()),
                    category.ordinaryAmount(random),
                    random.pick(Cities.SUSPICIOUS),
                    this));
        }
    },
    /** Several expensive electronics purchases in a row by one user (electronics_over_1000). */
    ELECTRONICS_SPREE(4, 4) {
        @Override
        List<PlannedTransaction> plan(int user, Population users, SeededRandom random) {
            List<PlannedTransaction> steps = new ArrayList<>();
            for (int i = 0; i < burstLength(); i++) {
                steps.add(new PlannedTransaction(
                        user,
                        Category.ELECTRONICS,
                        random.pick(Category.ELECTRONICS.merchants()),
                        random.amountBetween(1000.01, 2999.99),
                        users.home(user),
                        this));
            }
            return steps;
        }
    },
    /** Many small purchases in quick succession, as when a stolen card is tested. */
    VELOCITY_BURST(8, 8) {
        @Override
        List<PlannedTransaction> plan(int user, Population users, SeededRandom random) {
            List<PlannedTransaction> steps = new ArrayList<>();
            for (int i = 0; i < burstLength(); i++) {
                Category category = random.pick(Category.values());
                steps.add(new PlannedTransaction(
                        user,
                        category,
                        random.pick(category.merchants()),
                        random.amountBetween(1, 60),
                        users.home(user),
                        this));
            }
            return steps;
        }
    },
    /** A benign purchase at home, then one in another city moments later: only the second is fraud. */
    IMPOSSIBLE_TRAVEL(2, 1) {
        @Override
        List<PlannedTransaction> plan(int user, Population users, SeededRandom random) {
            Category first = random.pick(Category.values());
            Category second = random.pick(Category.values());
            return List.of(
                    new PlannedTransaction(
                            user,
                            first,
                            random.pick(first.merchants()),
                            first.ordinaryAmount(random),
                            users.home(user),
                            null),
                    new PlannedTransaction(
                            user,
                            second,
                            random.pick(second.merchants()),
                            second.ordinaryAmount(random),
                            Cities.elsewhere(users.home(user), random),
                            this));
        }
    };

    private final int burstLength;
    private final int frauds;

    FraudPattern(int burstLength, int frauds) {
        this.burstLength = burstLength;
        this.frauds = frauds;
    }

    /** The name in {@code fraud_ground_truth.pattern} and in scenario requests. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FraudPattern byWireName(String name) {
        for (FraudPattern pattern : values()) {
            if (pattern.wireName().equals(name)) {
                return pattern;
            }
        }
        throw new IllegalArgumentException("unknown fraud pattern '" + name + "'");
    }

    /** Transactions one occurrence takes. */
    int burstLength() {
        return burstLength;
    }

    /** How many of those are fraud. */
    int frauds() {
        return frauds;
    }

    abstract List<PlannedTransaction> plan(int user, Population users, SeededRandom random);
}
