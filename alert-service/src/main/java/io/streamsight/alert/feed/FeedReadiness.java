package io.streamsight.alert.feed;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the feed holds the recent alerts: a client asking for them earlier would get too few. */
@Readiness
@ApplicationScoped
public class FeedReadiness implements HealthCheck {

    private final FeedFollower follower;

    public FeedReadiness(FeedFollower follower) {
        this.follower = follower;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Alert feed caught up with fraud_alerts and sensor_alerts")
                .status(follower.isLive())
                .build();
    }
}
