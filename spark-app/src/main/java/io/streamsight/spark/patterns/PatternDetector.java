package io.streamsight.spark.patterns;

import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.RulePattern;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The stateful rules ({@link RulePattern}s of the rules in force) over one user's events in
 * event-time order, on a {@link UserProfile} it updates; no Spark, so every case can be checked
 * by hand. The rules come with each transaction, so a changed threshold applies from the next one.
 * <ul>
 * <li>velocity: more than {@code count} transactions within {@code window}; the transaction that
 *     crosses the count and every earlier one still in the window are flagged (a card-testing
 *     burst is fraud from its first payment), each once per rule;</li>
 * <li>unusual amount: above {@code factor} x the mean of the user's earlier transactions, once
 *     there are {@code min_count} of them; an amount a live rule flagged is kept out of the mean
 *     so that fraud does not raise the baseline;</li>
 * <li>impossible travel: the city differs from the previous transaction's and the distance over
 *     the time between them exceeds {@code max_speed_kmh}, unless the user's profile declared the
 *     new city home in between (a move is not travel); cities missing from the table are not
 *     judged; a transaction a live rule flagged does not move the user, so the card holder's next
 *     payment at home is judged against home, not against where the fraudster was.</li>
 * </ul>
 * Only live rules shape the state: a shadow rule sees what the live ones see, so trying one
 * never changes a live alert. A user whose last event is more than {@code idleExpiry} of event
 * time before the next one starts afresh: state expires by event time, as the timer in
 * {@link PatternProcessor} does for users who never come back.
 */
public final class PatternDetector {

    private final Duration idleExpiry;
    private final CityCoordinates cities;

    public PatternDetector(Duration idleExpiry, CityCoordinates cities) {
        this.idleExpiry = idleExpiry;
        this.cities = cities;
    }

    /** One rule matching one transaction, and the values that made it fire ({@code 7 payments in 2 min > 5}). */
    public record Match(SeenTransaction transaction, FraudRule rule, String explanation) {}

    /** Applies the user's profile declaring {@code home} at {@code epochMillis}. */
    public UserProfile home(UserProfile profile, String home, long epochMillis) {
        UserProfile current = fresh(profile, epochMillis);
        current.setHome(home);
        current.setHomeSinceMillis(epochMillis);
        return current;
    }

    /**
     * Applies one transaction under the stateful {@code rules} (each with a pattern); returns the
     * profile to keep and adds the matches to {@code matches}.
     */
    public UserProfile transaction(
            UserProfile profile, SeenTransaction tx, List<FraudRule> rules, List<Match> matches) {
        UserProfile current = fresh(profile, tx.getEpochMillis());
        boolean travelled = false;
        for (FraudRule rule : rules) {
            if (rule.pattern() instanceof RulePattern.ImpossibleTravel travel) {
                Optional<String> why = impossibleTravel(current, tx, travel);
                why.ifPresent(explanation -> matches.add(new Match(tx, rule, explanation)));
                travelled |= why.isPresent() && live(rule);
            }
        }
        velocity(current, tx, rules, matches);
        BigDecimal average = current.getCount() == 0
                ? BigDecimal.ZERO
                : current.getTotal().divide(BigDecimal.valueOf(current.getCount()), MathContext.DECIMAL64);
        boolean unusual = false;
        for (FraudRule rule : rules) {
            if (rule.pattern() instanceof RulePattern.UnusualAmount pattern
                    && current.getCount() >= pattern.minCount()
                    && tx.getAmount().compareTo(average.multiply(pattern.factor())) > 0) {
                matches.add(new Match(
                        tx,
                        rule,
                        "amount %s > %s x average %s of %d payments"
                                .formatted(
                                        tx.getAmount().toPlainString(),
                                        pattern.factor().stripTrailingZeros().toPlainString(),
                                        average.setScale(2, RoundingMode.HALF_EVEN)
                                                .toPlainString(),
                                        current.getCount())));
                unusual |= live(rule);
            }
        }
        if (!unusual) {
            current.setCount(current.getCount() + 1);
            current.setTotal(current.getTotal().add(tx.getAmount()));
        }
        if (!travelled && (current.getLastLocation() == null || tx.getEpochMillis() >= current.getLastMillis())) {
            current.setLastLocation(tx.getLocation());
            current.setLastMillis(tx.getEpochMillis());
        }
        return current;
    }

    /** Whether the user's state has outlived its idle expiry at event time {@code epochMillis}. */
    public boolean expired(UserProfile profile, long epochMillis) {
        return epochMillis - profile.getLastSeenMillis() > idleExpiry.toMillis();
    }

    private UserProfile fresh(UserProfile profile, long epochMillis) {
        UserProfile current = profile == null || expired(profile, epochMillis) ? new UserProfile() : profile;
        current.setLastSeenMillis(Math.max(current.getLastSeenMillis(), epochMillis));
        return current;
    }

    /** Why the transaction is impossible travel, if it is. */
    private Optional<String> impossibleTravel(
            UserProfile profile, SeenTransaction tx, RulePattern.ImpossibleTravel rule) {
        String previous = profile.getLastLocation();
        if (previous == null || previous.equals(tx.getLocation())) {
            return Optional.empty();
        }
        boolean movedThere = tx.getLocation().equals(profile.getHome())
                && profile.getHomeSinceMillis() >= profile.getLastMillis()
                && profile.getHomeSinceMillis() <= tx.getEpochMillis();
        OptionalDouble km = cities.distanceKm(previous, tx.getLocation());
        if (movedThere || km.isEmpty()) {
            return Optional.empty();
        }
        long millis = Math.abs(tx.getEpochMillis() - profile.getLastMillis());
        double hours = millis / 3_600_000.0;
        double maxSpeedKmh = rule.maxSpeedKmh().doubleValue();
        if (hours != 0 && km.getAsDouble() / hours <= maxSpeedKmh) {
            return Optional.empty();
        }
        return Optional.of("%s -> %s %d km in %s (%s km/h > %s km/h)"
                .formatted(
                        previous,
                        tx.getLocation(),
                        Math.round(km.getAsDouble()),
                        shown(Duration.ofMillis(millis)),
                        hours == 0 ? "instant" : Long.toString(Math.round(km.getAsDouble() / hours)),
                        rule.maxSpeedKmh().stripTrailingZeros().toPlainString()));
    }

    /**
     * Keeps the transactions within the longest velocity window (none without a velocity rule)
     * and judges each velocity rule on those within its own.
     */
    private void velocity(UserProfile profile, SeenTransaction tx, List<FraudRule> rules, List<Match> matches) {
        long longest = rules.stream()
                .map(FraudRule::pattern)
                .filter(RulePattern.Velocity.class::isInstance)
                .mapToLong(p -> ((RulePattern.Velocity) p).window().toMillis())
                .max()
                .orElse(0);
        List<SeenTransaction> recent = new ArrayList<>();
        for (SeenTransaction seen : profile.getRecent()) {
            if (seen.getEpochMillis() > tx.getEpochMillis() - longest) {
                recent.add(seen);
            }
        }
        recent.add(tx);
        for (FraudRule rule : rules) {
            if (rule.pattern() instanceof RulePattern.Velocity velocity) {
                long windowStart = tx.getEpochMillis() - velocity.window().toMillis();
                List<SeenTransaction> inWindow = recent.stream()
                        .filter(seen -> seen.getEpochMillis() > windowStart)
                        .toList();
                if (inWindow.size() > velocity.count()) {
                    String why = "%d payments in %s > %d"
                            .formatted(inWindow.size(), shown(velocity.window()), velocity.count());
                    for (SeenTransaction seen : inWindow) {
                        if (!seen.getFlaggedBy().contains(rule.ruleId())) {
                            seen.getFlaggedBy().add(rule.ruleId());
                            matches.add(new Match(seen, rule, why));
                        }
                    }
                }
            }
        }
        profile.setRecent(recent);
    }

    private static boolean live(FraudRule rule) {
        return rule.mode() == FraudRule.Mode.LIVE;
    }

    /** A duration as a person says it: {@code 2 min}, {@code 45 s}, {@code 1.5 s}. */
    static String shown(Duration duration) {
        if (duration.toSeconds() >= 60 && duration.toSeconds() % 60 == 0 && duration.toMillisPart() == 0) {
            return duration.toMinutes() + " min";
        }
        if (duration.toSeconds() >= 60) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
