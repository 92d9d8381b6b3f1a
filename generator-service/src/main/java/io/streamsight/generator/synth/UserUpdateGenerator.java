package io.streamsight.generator.synth;

import io.streamsight.events.Topic;
import io.streamsight.events.UserUpdate;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Profiles first (one per user, so a join with transactions finds everyone), then changes:
 * moves to another city, which later transactions follow, and tier changes.
 */
final class UserUpdateGenerator implements EventGenerator {

    private final SeededRandom random;
    private final Population users;
    private int profilesPublished;

    UserUpdateGenerator(SeededRandom random, Population users) {
        this.random = random;
        this.users = users;
    }

    @Override
    public void next(Instant at, Consumer<TopicRecord> sink) {
        int user;
        if (profilesPublished < users.size()) {
            user = profilesPublished++;
        } else {
            user = users.anyone(random);
            if (random.chance(0.3)) {
                users.moveTo(user, Cities.elsewhere(users.home(user), random));
            } else {
                users.changeTier(user, random.pick(Population.TIERS));
            }
        }
        sink.accept(TopicRecord.event(
                Topic.USER_UPDATES, new UserUpdate(users.id(user), users.home(user), users.tier(user), at)));
    }
}
