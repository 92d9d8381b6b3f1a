package io.streamsight.alert.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every stored subscription is known: alerts fanned out earlier would miss some. */
@Readiness
@ApplicationScoped
public class SubscriptionsReadiness implements HealthCheck {

    private final SubscriptionStore store;

    public SubscriptionsReadiness(SubscriptionStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Webhook subscriptions loaded from alert_subscriptions")
                .status(store.isLoaded())
                .withData("subscriptions", store.all().size())
                .build();
    }
}
