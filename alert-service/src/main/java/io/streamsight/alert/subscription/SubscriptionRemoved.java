package io.streamsight.alert.subscription;

/** CDI event: a subscription was deleted (seen on the topic), so its pending deliveries stop. */
public record SubscriptionRemoved(String subscriptionId) {}
