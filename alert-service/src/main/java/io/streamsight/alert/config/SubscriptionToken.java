package io.streamsight.alert.config;

import io.streamsight.service.auth.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;

/** The token of the subscription and rules APIs: {@code streamsight.subscriptions.token} (in Kubernetes, from a Secret). */
@ApplicationScoped
public class SubscriptionToken implements ApiToken {

    private final AlertServiceConfig config;

    public SubscriptionToken(AlertServiceConfig config) {
        this.config = config;
    }

    @Override
    public String value() {
        return config.subscriptions().token();
    }
}
