package io.streamsight.generator.synth;

import java.util.List;

/**
 * The simulated users, shared by the generators of one stream so that transactions happen in a
 * user's current home city, profile updates move users, and activity and raw events name the
 * same people.
 */
public final class Population {

    static final List<String> TIERS = List.of("bronze", "silver", "gold", "platinum");

    private final String[] ids;
    private final String[] homes;
    private final String[] tiers;

    Population(int size, String idPrefix, SeededRandom random) {
        ids = new String[size];
        homes = new String[size];
        tiers = new String[size];
        for (int i = 0; i < size; i++) {
            ids[i] = String.format("%s_%05d", idPrefix, i + 1);
            homes[i] = random.pick(Cities.HOME);
            tiers[i] = TIERS.get(Math.min(TIERS.size() - 1, (int) Math.abs(random.gaussian() * 1.2)));
        }
    }

    int size() {
        return ids.length;
    }

    int anyone(SeededRandom random) {
        return random.nextInt(ids.length);
    }

    String id(int user) {
        return ids[user];
    }

    String home(int user) {
        return homes[user];
    }

    String tier(int user) {
        return tiers[user];
    }

    void moveTo(int user, String city) {
        homes[user] = city;
    }

    void changeTier(int user, String tier) {
        tiers[user] = tier;
    }
}
