package io.streamsight.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One step of a shopping funnel, keyed by {@code user_id} on {@code user_activity}. */
public record UserActivity(String userId, Action action, String itemId, Instant timestamp) {

    public enum Action {
        @JsonProperty("view")
        VIEW,
        @JsonProperty("click")
        CLICK,
        @JsonProperty("purchase")
        PURCHASE
    }

    public UserActivity {
        EventFields.required(userId, "user_id");
        EventFields.required(action, "action");
        EventFields.required(itemId, "item_id");
        EventFields.required(timestamp, "timestamp");
    }
}
