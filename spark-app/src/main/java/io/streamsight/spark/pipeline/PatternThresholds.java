package io.streamsight.spark.pipeline;

import java.io.Serializable;
import java.time.Duration;

/**
 * The parameters of the stateful rules ({@code spark.streamsight.patterns.*}).
 *
 * @param velocityCount        velocity: more than this many transactions of one user ...
 * @param velocityWindow       ... within this much event time
 * @param averageFactor        unusual amount: more than this many times the user's running mean ...
 * @param averageMinCount      ... once the mean is over at least this many earlier transactions
 * @param maxSpeedKmh          impossible travel: faster than this between two consecutive transactions' cities
 * @param idleExpiry           a user's state is forgotten after this much event time without a transaction
 */
public record PatternThresholds(
        int velocityCount,
        Duration velocityWindow,
        double averageFactor,
        int averageMinCount,
        double maxSpeedKmh,
        Duration idleExpiry)
        implements Serializable {

    public static final PatternThresholds DEFAULTS =
            new PatternThresholds(5, Duration.ofMinutes(2), 5.0, 5, 900.0, Duration.ofDays(7));

    public PatternThresholds {
        if (velocityCount < 1
                || averageFactor <= 1
                || averageMinCount < 1
                || maxSpeedKmh <= 0
                || velocityWindow.isNegative()
                || velocityWindow.isZero()
                || idleExpiry.compareTo(velocityWindow) < 0) {
            throw new IllegalArgumentException("invalid stateful fraud rule thresholds: " + this);
        }
    }
}
