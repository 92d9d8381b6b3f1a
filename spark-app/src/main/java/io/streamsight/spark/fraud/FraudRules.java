package io.streamsight.spark.fraud;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The default rules of DESIGN section 7 and their one configurable part, the list of
 * suspicious locations. Thresholds are strict: an amount of exactly 5000 does not match
 * {@code amount_over_5000}.
 */
public record FraudRules(List<String> suspiciousLocations) implements Serializable {

    public static final String AMOUNT_OVER_5000 = "amount_over_5000";
    public static final String SUSPICIOUS_LOCATION = "suspicious_location";
    public static final String AMOUNT_OVER_3000 = "amount_over_3000";
    public static final String ELECTRONICS_OVER_1000 = "electronics_over_1000";

    public static final List<String> DEFAULT_SUSPICIOUS_LOCATIONS = List.of("suspicious_country1", "suspicious_country2");

    public FraudRules {
        suspiciousLocations = List.copyOf(suspiciousLocations);
        if (suspiciousLocations.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a suspicious location must not be blank: " + suspiciousLocations);
        }
    }

    public static FraudRules defaults() {
        return new FraudRules(DEFAULT_SUSPICIOUS_LOCATIONS);
    }

    /** Rules with the suspicious locations of a comma-separated list, as given on the command line. */
    public static FraudRules withSuspiciousLocations(String commaSeparated) {
        return new FraudRules(Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
