package io.streamsight.alert.backtest;

import io.streamsight.alert.triage.TriageStore;
import io.streamsight.events.Transaction;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.RuleBook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The counts of a backtest as the transactions go by: for the rules in force and the candidate
 * set, how many transactions each rule and each set flags and how many of those the ground truth
 * calls fraud, and the transactions whose verdict the candidate changes. Both sets are evaluated
 * by {@link RuleBook}, the code the fraud query runs. Not thread-safe: one backtest thread feeds it.
 */
final class BacktestTally {

    static final int SAMPLE_SIZE = 20;

    private final RuleBook inForce;
    private final RuleBook candidate;
    private final Map<String, String> fraudPatterns;
    private final Function<String, Optional<Boolean>> labels;
    private final Counts inForceTotal = new Counts();
    private final Counts candidateTotal = new Counts();
    private final Map<String, Counts> inForceByRule = new HashMap<>();
    private final Map<String, Counts> candidateByRule = new HashMap<>();
    private final List<BacktestReport.ChangedVerdict> changed = new ArrayList<>();
    private long transactions;
    private long fraudulent;
    private long newlyFlagged;
    private long noLongerFlagged;

    /**
     * @param fraudPatterns transaction id -> the ground truth's fraud pattern, for the transactions it calls fraud
     * @param labels transaction id -> the analysts' verdict where they gave one, which overrides the ground truth
     */
    BacktestTally(
            RuleBook inForce,
            RuleBook candidate,
            Map<String, String> fraudPatterns,
            Function<String, Optional<Boolean>> labels) {
        this.inForce = inForce;
        this.candidate = candidate;
        this.fraudPatterns = fraudPatterns;
        this.labels = labels;
    }

    void add(Transaction transaction) {
        transactions++;
        String pattern = fraudPatterns.get(transaction.transactionId());
        boolean fraud = labels.apply(transaction.transactionId()).orElse(pattern != null);
        if (fraud) {
            fraudulent++;
        }
        RuleBook.Verdict before = inForce.evaluate(transaction);
        RuleBook.Verdict after = candidate.evaluate(transaction);
        count(before, fraud, inForceTotal, inForceByRule);
        count(after, fraud, candidateTotal, candidateByRule);
        if (before.flagged() != after.flagged()) {
            if (after.flagged()) {
                newlyFlagged++;
            } else {
                noLongerFlagged++;
            }
            if (changed.size() < SAMPLE_SIZE) {
                changed.add(new BacktestReport.ChangedVerdict(
                        transaction.transactionId(),
                        transaction.userId(),
                        transaction.amount(),
                        transaction.category(),
                        transaction.location(),
                        transaction.timestamp(),
                        pattern,
                        before.rules(),
                        after.rules()));
            }
        }
    }

    BacktestReport.Result result(long unreadable) {
        // a stateful rule needs each user's history, which a replay of the stateless verdicts does not keep
        Set<String> ids = new LinkedHashSet<>();
        inForce.rules().stream()
                .filter(r -> !r.stateful())
                .map(FraudRule::ruleId)
                .forEach(ids::add);
        candidate.rules().stream()
                .filter(r -> !r.stateful())
                .map(FraudRule::ruleId)
                .forEach(ids::add);
        List<BacktestReport.RuleOutcome> rules = ids.stream()
                .map(id -> new BacktestReport.RuleOutcome(
                        id,
                        has(inForce, id) ? quality(inForceByRule.getOrDefault(id, new Counts())) : null,
                        has(candidate, id) ? quality(candidateByRule.getOrDefault(id, new Counts())) : null))
                .toList();
        return new BacktestReport.Result(
                transactions,
                unreadable,
                fraudulent,
                TriageStore.TRUTH_SOURCE,
                quality(inForceTotal),
                quality(candidateTotal),
                rules,
                newlyFlagged,
                noLongerFlagged,
                List.copyOf(changed));
    }

    private static boolean has(RuleBook book, String ruleId) {
        return book.rules().stream().anyMatch(r -> r.ruleId().equals(ruleId));
    }

    private static void count(RuleBook.Verdict verdict, boolean fraud, Counts total, Map<String, Counts> byRule) {
        if (verdict.flagged()) {
            total.add(fraud);
        }
        verdict.rules()
                .forEach(rule -> byRule.computeIfAbsent(rule, r -> new Counts()).add(fraud));
    }

    private BacktestReport.Quality quality(Counts counts) {
        return new BacktestReport.Quality(
                counts.flagged,
                counts.truePositives,
                counts.flagged == 0 ? null : (double) counts.truePositives / counts.flagged,
                fraudulent == 0 ? null : (double) counts.truePositives / fraudulent);
    }

    private static final class Counts {
        long flagged;
        long truePositives;

        void add(boolean fraud) {
            flagged++;
            if (fraud) {
                truePositives++;
            }
        }
    }
}
