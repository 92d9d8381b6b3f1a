package io.streamsight.generator.synth;

import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Payments by the population at its merchants, with a fraction of fraud following
 * {@link FraudPattern}s. Multi-transaction patterns occupy consecutive slots, so their steps
 * are close in time, as a velocity burst or an impossible journey must be.
 */
final class TransactionGenerator implements EventGenerator {

    static final String CURRENCY = "EUR";

    private final SeededRandom random;
    private final Population users;
    private final List<FraudPattern> patterns;
    private final double patternStartProbability;
    private final Deque<PlannedTransaction> planned = new ArrayDeque<>();

    TransactionGenerator(SeededRandom random, Population users, double fraudRatio, List<FraudPattern> patterns) {
        this.random = random;
        this.users = users;
        this.patterns = List.copyOf(patterns);
        this.patternStartProbability = patterns.isEmpty() ? 0 : startProbability(fraudRatio, patterns);
    }

    @Override
    public void next(Instant at, Consumer<TopicRecord> sink) {
        PlannedTransaction step = planned.poll();
        if (step == null) {
            step = random.chance(patternStartProbability) ? startPattern() : ordinary();
        }
        Transaction transaction = new Transaction(
                random.uuid(),
                users.id(step.user()),
                step.amount(),
                CURRENCY,
                step.merchant(),
                step.category().label(),
                step.location(),
                at);
        sink.accept(TopicRecord.event(Topic.TRANSACTIONS, transaction));
        if (step.fraud() != null) {
            sink.accept(TopicRecord.event(
                    Topic.FRAUD_GROUND_TRUTH,
                    new FraudGroundTruth(
                            transaction.transactionId(),
                            transaction.userId(),
                            step.fraud().wireName(),
                            at)));
        }
    }

    private PlannedTransaction startPattern() {
        FraudPattern pattern = random.pick(patterns);
        planned.addAll(pattern.plan(users.anyone(random), users, random));
        return planned.poll();
    }

    private PlannedTransaction ordinary() {
        int user = users.anyone(random);
        Category category = random.pick(Category.values());
        return new PlannedTransaction(
                user,
                category,
                random.pick(category.merchants()),
                category.ordinaryAmount(random),
                users.home(user),
                null);
    }

    /**
     * The chance that a free slot starts a pattern so that, over many slots, the fraction of
     * fraudulent transactions is {@code ratio}. A free slot starts a pattern (mean length B,
     * mean fraud steps F) with probability p, else holds one benign transaction, so
     * ratio = pF / (1 - p + pB), solved for p.
     */
    static double startProbability(double ratio, List<FraudPattern> patterns) {
        double meanLength =
                patterns.stream().mapToInt(FraudPattern::burstLength).average().orElseThrow();
        double meanFrauds =
                patterns.stream().mapToInt(FraudPattern::frauds).average().orElseThrow();
        double denominator = meanFrauds - ratio * meanLength + ratio;
        return denominator <= ratio ? 1 : ratio / denominator;
    }
}
