package io.streamsight.events.rules;

import io.streamsight.events.Severity;
import io.streamsight.events.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of rules and the one verdict they give a transaction: the ids of the enabled
 * rules that match, in priority order, and the alert's type, severity and risk score, which are
 * docs/design.md section 7's derivations from the amount, raised by the matched rules' floors.
 */
public final class RuleBook {

    public static final String HIGH_AMOUNT = "high_amount";
    public static final String GENERAL_ALERT = "general_alert";

    private static final BigDecimal CRITICAL_AMOUNT = BigDecimal.valueOf(10000);
    private static final BigDecimal HIGH_SEVERITY_AMOUNT = BigDecimal.valueOf(5000);
    private static final BigDecimal TOP_RISK_AMOUNT = BigDecimal.valueOf(3000);
    private static final BigDecimal HIGH_RISK_AMOUNT = BigDecimal.valueOf(1000);
    private static final BigDecimal MEDIUM_RISK_AMOUNT = BigDecimal.valueOf(500);
    private static final Comparator<FraudRule> ORDER =
            Comparator.comparingInt(FraudRule::priority).thenComparing(FraudRule::ruleId);

    /** No rules: its shadow is itself. */
    private static final RuleBook EMPTY = new RuleBook(List.of(), null);

    private final List<FraudRule> rules;
    private final List<FraudRule> stateless;
    private final List<FraudRule> stateful;
    private final RuleBook shadow;

    private RuleBook(List<FraudRule> rules, RuleBook shadow) {
        this.rules = rules;
        this.stateless = rules.stream()
                .filter(rule -> rule.enabled() && !rule.stateful() && rule.mode() == FraudRule.Mode.LIVE)
                .toList();
        this.stateful =
                rules.stream().filter(rule -> rule.enabled() && rule.stateful()).toList();
        this.shadow = shadow;
    }

    public static RuleBook of(Collection<FraudRule> rules) {
        List<FraudRule> sorted = new ArrayList<>(rules);
        sorted.sort(ORDER);
        List<FraudRule> shadowed = sorted.stream()
                .filter(rule -> rule.mode() == FraudRule.Mode.SHADOW)
                .map(rule -> rule.withMode(FraudRule.Mode.LIVE))
                .toList();
        return new RuleBook(List.copyOf(sorted), new RuleBook(shadowed, EMPTY));
    }

    /**
     * The shadow rules as a book of their own, evaluated as if they were live: what they would
     * alert on. Empty (never flags) when there are none; the shadow of a shadow book is empty.
     */
    public RuleBook shadow() {
        return shadow == null ? this : shadow;
    }

    /** Every rule, enabled or not, in evaluation order. */
    public List<FraudRule> rules() {
        return rules;
    }

    /** Whether {@link #evaluate} can flag anything: false without an enabled live stateless rule. */
    public boolean canFlag() {
        return !stateless.isEmpty();
    }

    /**
     * The enabled stateful rules, live and shadow, in evaluation order: what the {@code patterns}
     * query looks for in each user's transactions ({@link #evaluate} leaves them out).
     */
    public List<FraudRule> stateful() {
        return stateful;
    }

    /**
     * The verdict of the enabled live stateless rules for one transaction; {@link
     * Verdict#flagged()} is false when none matches.
     */
    public Verdict evaluate(Transaction transaction) {
        List<FraudRule> matched = stateless.stream()
                .filter(rule -> rule.condition().matches(transaction))
                .toList();
        BigDecimal amount = transaction.amount();
        String alertType = amount.compareTo(CRITICAL_AMOUNT) > 0
                ? HIGH_AMOUNT
                : matched.stream()
                        .map(r -> r.sets().alertType())
                        .flatMap(Optional::stream)
                        .findFirst()
                        .orElse(GENERAL_ALERT);
        Severity severity = matched.stream()
                .map(r -> r.sets().severityFloor())
                .flatMap(Optional::stream)
                .reduce(severityOf(amount), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        int riskScore = matched.stream()
                .map(r -> r.sets().riskScoreFloor())
                .flatMap(Optional::stream)
                .reduce(riskScoreOf(amount), Math::max);
        // most transactions match nothing: no map to build, here on the fraud query's hot path
        Map<String, List<String>> explanations = matched.isEmpty() ? Map.of() : new LinkedHashMap<>();
        matched.forEach(rule -> explanations.put(rule.ruleId(), rule.condition().explain(transaction)));
        return new Verdict(
                matched.stream().map(FraudRule::ruleId).toList(), alertType, severity, riskScore, explanations);
    }

    static Severity severityOf(BigDecimal amount) {
        if (amount.compareTo(CRITICAL_AMOUNT) > 0) {
            return Severity.CRITICAL;
        }
        return amount.compareTo(HIGH_SEVERITY_AMOUNT) > 0 ? Severity.HIGH : Severity.MEDIUM;
    }

    static int riskScoreOf(BigDecimal amount) {
        if (amount.compareTo(TOP_RISK_AMOUNT) > 0) {
            return 100;
        }
        if (amount.compareTo(HIGH_RISK_AMOUNT) > 0) {
            return 75;
        }
        return amount.compareTo(MEDIUM_RISK_AMOUNT) > 0 ? 50 : 25;
    }

    /**
     * The outcome of {@link #evaluate}: {@code rules} empty means not flagged; {@code explanations}
     * says per matched rule, in the same order, which values made it fire.
     */
    public record Verdict(
            List<String> rules,
            String alertType,
            Severity severity,
            int riskScore,
            Map<String, List<String>> explanations) {
        public boolean flagged() {
            return !rules.isEmpty();
        }
    }
}
