package io.streamsight.generator.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.RawEvent;
import io.streamsight.events.Topic;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loosely structured application events for the ETL pipeline, with a JSON payload per type and
 * anonymous traffic (no user) that the ETL is expected to drop.
 */
final class RawEventGenerator implements EventGenerator {

    private static final List<String> TYPES =
            List.of("page_view", "search", "add_to_cart", "login", "logout", "signup");
    private static final List<String> QUERIES =
            List.of("laptop", "running shoes", "coffee", "tv 55", "headphones", "sofa");
    private static final List<String> REFERRERS = List.of("direct", "google", "newsletter", "instagram");
    private static final double ANONYMOUS = 0.15;

    private final SeededRandom random;
    private final Population users;

    RawEventGenerator(SeededRandom random, Population users) {
        this.random = random;
        this.users = users;
    }

    @Override
    public void next(Instant at, Consumer<TopicRecord> sink) {
        String type = random.pick(TYPES);
        boolean anonymous = (type.equals("page_view") || type.equals("search")) && random.chance(ANONYMOUS);
        String user = anonymous ? null : users.id(users.anyone(random));
        ObjectNode payload = EventJson.mapper().createObjectNode();
        switch (type) {
            case "page_view" ->
                payload.put(
                                "page",
                                "/products/item_"
                                        + String.format("%04d", random.between(1, UserActivityGenerator.ITEMS)))
                        .put("referrer", random.pick(REFERRERS));
            case "search" -> payload.put("query", random.pick(QUERIES)).put("results", random.between(0, 120));
            case "add_to_cart" ->
                payload.put("item_id", String.format("item_%04d", random.between(1, UserActivityGenerator.ITEMS)))
                        .put("quantity", random.between(1, 3));
            default -> payload.put("channel", random.chance(0.7) ? "web" : "mobile");
        }
        sink.accept(
                TopicRecord.event(Topic.RAW_EVENTS, new RawEvent(random.uuid(), user, type, payload.toString(), at)));
    }
}
