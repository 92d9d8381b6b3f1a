package io.streamsight.alert.subscription;

import io.streamsight.alert.AlertFilter;
import java.time.Instant;

/**
 * A webhook subscription as stored (keyed by id) in the compacted {@code alert_subscriptions}
 * topic. The signing secret is stored with it and shown only once, in the creation response.
 */
public record Subscription(String subscriptionId, String url, AlertFilter filter, String secret, Instant createdAt) {

    /** What the API shows of a subscription after its creation: everything but the secret. */
    public record Listed(String subscriptionId, String url, AlertFilter filter, Instant createdAt) {}

    public Listed listed() {
        return new Listed(subscriptionId, url, filter, createdAt);
    }
}
