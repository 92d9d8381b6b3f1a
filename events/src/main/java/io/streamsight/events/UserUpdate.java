package io.streamsight.events;

import java.time.Instant;

/** A change to a user's profile, keyed by {@code user_id} on {@code user_updates}. */
public record UserUpdate(String userId, String homeLocation, String tier, Instant updateTime) {

    public UserUpdate {
        EventFields.required(userId, "user_id");
        EventFields.required(homeLocation, "home_location");
        EventFields.required(tier, "tier");
        EventFields.required(updateTime, "update_time");
    }
}
