package io.streamsight.generator.synth;

import io.streamsight.events.Topic;
import io.streamsight.events.UserActivity;
import io.streamsight.events.UserActivity.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shopping funnels: a user views an item, sometimes clicks it, sometimes buys it. Items are
 * chosen with skewed (Zipf) popularity, and several sessions interleave as on a real site.
 */
final class UserActivityGenerator implements EventGenerator {

    static final int ITEMS = 500;
    private static final int OPEN_SESSIONS = 8;
    private static final double CLICK_AFTER_VIEW = 0.35;
    private static final double PURCHASE_AFTER_CLICK = 0.3;

    private final SeededRandom random;
    private final Population users;
    private final Zipf popularity = new Zipf(ITEMS, 1.1);
    private final List<Session> sessions = new ArrayList<>();

    UserActivityGenerator(SeededRandom random, Population users) {
        this.random = random;
        this.users = users;
    }

    @Override
    public void next(Instant at, Consumer<TopicRecord> sink) {
        Session session;
        if (sessions.size() < OPEN_SESSIONS && (sessions.isEmpty() || random.chance(0.5))) {
            session = new Session(
                    users.id(users.anyone(random)), String.format("item_%04d", popularity.sample(random) + 1));
            sessions.add(session);
        } else {
            session = random.pick(sessions);
        }
        Action action = session.advance();
        boolean continues = switch (action) {
            case VIEW -> random.chance(CLICK_AFTER_VIEW);
            case CLICK -> random.chance(PURCHASE_AFTER_CLICK);
            case PURCHASE -> false;
        };
        if (!continues) {
            sessions.remove(session);
        }
        sink.accept(TopicRecord.event(Topic.USER_ACTIVITY, new UserActivity(session.user, action, session.item, at)));
    }

    private static final class Session {
        final String user;
        final String item;
        int step;

        Session(String user, String item) {
            this.user = user;
            this.item = item;
        }

        Action advance() {
            return Action.values()[step++];
        }
    }
}
