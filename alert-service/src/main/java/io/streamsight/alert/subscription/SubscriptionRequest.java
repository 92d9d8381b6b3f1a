package io.streamsight.alert.subscription;

import io.streamsight.alert.AlertFilter;

/**
 * Body of {@code POST /subscriptions}. {@code secret} is optional: without it the service
 * generates one and returns it once.
 */
public record SubscriptionRequest(String url, AlertFilter filter, String secret) {}
