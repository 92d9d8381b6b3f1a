package io.streamsight.generator.synth;

import java.util.List;

/** Where ordinary transactions happen, and where injected fraud pretends to happen. */
public final class Cities {

    /** Home cities of the simulated users. */
    public static final List<String> HOME =
            List.of("Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Zaragoza", "Malaga");

    /** The locations the default {@code suspicious_location} rule lists. */
    public static final List<String> SUSPICIOUS = List.of("suspicious_country1", "suspicious_country2");

    private Cities() {}

    /** Any home city except {@code city}: two of them minutes apart is impossible travel. */
    static String elsewhere(String city, SeededRandom random) {
        String other;
        do {
            other = random.pick(HOME);
        } while (other.equals(city));
        return other;
    }
}
