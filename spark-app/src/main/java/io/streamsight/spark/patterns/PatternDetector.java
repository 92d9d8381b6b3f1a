package io.streamsight.spark.patterns;

import io.streamsight.spark.pipeline.PatternThresholds;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The stateful rules over one user's events in event-time order, on a {@link UserProfile} it
 * updates; no Spark, so every case can be checked by hand.
 * <ul>
 * <li>velocity: more than {@code velocityCount} transactions within {@code velocityWindow}; the
 *     transaction that crosses the count and every earlier one still in the window are flagged
 *     (a card-testing burst is fraud from its first payment), each once;</li>
 * <li>unusual amount: above {@code averageFactor} x the mean of the user's earlier transactions,
 *     once there are {@code averageMinCount} of them; a flagged amount is kept out of the mean so
 *     that fraud does not raise the baseline;</li>
 * <li>impossible travel: the city differs from the previous transaction's and the distance over
 *     the time between them exceeds {@code maxSpeedKmh}, unless the user's profile declared the
 *     new city home in between (a move is not travel); cities missing from the table are not judged;
 *     a flagged transaction does not move the user, so the card holder's next payment at home is
 *     judged against home, not against where the fraudster was;</li>
 * </ul>
 * A user whose last event is more than {@code idleExpiry} of event time before the next one
 * starts afresh: state expires by event time, as the timer in {@link PatternProcessor} does for
 * users who never come back.
 */
public final class PatternDetector {

    private final PatternThresholds thresholds;
    private final CityCoordinates cities;

    public PatternDetector(PatternThresholds thresholds, CityCoordinates cities) {
        this.thresholds = thresholds;
        this.cities = cities;
    }

    /** One rule matching one transaction, and the values that made it fire ({@code 7 payments in 2 min > 5}). */
    public record Match(SeenTransaction transaction, PatternRule rule, String explanation) {}

    /** Applies the user's profile declaring {@code home} at {@code epochMillis}. */
    public UserProfile home(UserProfile profile, String home, long epochMillis) {
        UserProfile current = fresh(profile, epochMillis);
        current.setHome(home);
        current.setHomeSinceMillis(epochMillis);
        return current;
    }

    /** Applies one transaction; returns the profile to keep and adds the matches to {@code matches}. */
    public UserProfile transaction(UserProfile profile, SeenTransaction tx, List<Match> matches) {
        UserProfile current = fresh(profile, tx.getEpochMillis());
        Optional<String> travel = impossibleTravel(current, tx);
        travel.ifPresent(why -> matches.add(new Match(tx, PatternRule.IMPOSSIBLE_TRAVEL, why)));
        velocity(current, tx, matches);
        BigDecimal average = current.getCount() == 0
                ? BigDecimal.ZERO
                : current.getTotal().divide(BigDecimal.valueOf(current.getCount()), MathContext.DECIMAL64);
        boolean unusual = current.getCount() >= thresholds.averageMinCount()
                && tx.getAmount().compareTo(average.multiply(BigDecimal.valueOf(thresholds.averageFactor()))) > 0;
        if (unusual) {
            matches.add(new Match(
                    tx,
                    PatternRule.AMOUNT_VS_AVERAGE,
                    "amount %s > %s x average %s of %d payments"
                            .formatted(
                                    tx.getAmount().toPlainString(),
                                    shown(thresholds.averageFactor()),
                                    average.setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
                                    current.getCount())));
        } else {
            current.setCount(current.getCount() + 1);
            current.setTotal(current.getTotal().add(tx.getAmount()));
        }
        if (travel.isEmpty() && (current.getLastLocation() == null || tx.getEpochMillis() >= current.getLastMillis())) {
            current.setLastLocation(tx.getLocation());
            current.setLastMillis(tx.getEpochMillis());
        }
        return current;
    }

    /** Whether the user's state has outlived its idle expiry at event time {@code epochMillis}. */
    public boolean expired(UserProfile profile, long epochMillis) {
        return epochMillis - profile.getLastSeenMillis()
                > thresholds.idleExpiry().toMillis();
    }

    private UserProfile fresh(UserProfile profile, long epochMillis) {
        UserProfile current = profile == null || expired(profile, epochMillis) ? new UserProfile() : profile;
        current.setLastSeenMillis(Math.max(current.getLastSeenMillis(), epochMillis));
        return current;
    }

    /** Why the transaction is impossible travel, if it is. */
    private Optional<String> impossibleTravel(UserProfile profile, SeenTransaction tx) {
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
        if (hours != 0 && km.getAsDouble() / hours <= thresholds.maxSpeedKmh()) {
            return Optional.empty();
        }
        return Optional.of("%s -> %s %d km in %s (%s km/h > %s km/h)"
                .formatted(
                        previous,
                        tx.getLocation(),
                        Math.round(km.getAsDouble()),
                        shown(Duration.ofMillis(millis)),
                        hours == 0 ? "instant" : Long.toString(Math.round(km.getAsDouble() / hours)),
                        shown(thresholds.maxSpeedKmh())));
    }

    private void velocity(UserProfile profile, SeenTransaction tx, List<Match> matches) {
        long windowStart = tx.getEpochMillis() - thresholds.velocityWindow().toMillis();
        List<SeenTransaction> recent = new ArrayList<>();
        for (SeenTransaction seen : profile.getRecent()) {
            if (seen.getEpochMillis() > windowStart) {
                recent.add(seen);
            }
        }
        recent.add(tx);
        if (recent.size() > thresholds.velocityCount()) {
            String why = "%d payments in %s > %d"
                    .formatted(recent.size(), shown(thresholds.velocityWindow()), thresholds.velocityCount());
            for (SeenTransaction seen : recent) {
                if (!seen.isVelocityFlagged()) {
                    seen.setVelocityFlagged(true);
                    matches.add(new Match(seen, PatternRule.VELOCITY, why));
                }
            }
        }
        profile.setRecent(recent);
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

    /** 5.0 as 5, 2.5 as 2.5. */
    private static String shown(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
