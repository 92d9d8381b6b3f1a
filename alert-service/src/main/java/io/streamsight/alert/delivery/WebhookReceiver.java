package io.streamsight.alert.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsight.alert.Alert;
import io.streamsight.alert.subscription.Subscription;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

/** A subscription's webhook: the alert as a JSON POST, signed, with alert_id as idempotency key. */
final class WebhookReceiver implements Receiver {

    private final Subscription subscription;
    private final URI url;
    private final ObjectMapper json;
    private final Duration timeout;

    WebhookReceiver(Subscription subscription, ObjectMapper json, Duration timeout) {
        this.subscription = subscription;
        this.url = URI.create(subscription.url());
        this.json = json;
        this.timeout = timeout;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String name() {
        return subscription.subscriptionId();
    }

    @Override
    public String target() {
        return subscription.url();
    }

    @Override
    public boolean accepts(Alert alert) {
        return subscription.filter().matches(alert);
    }

    @Override
    public HttpRequest request(Alert alert, int attempt) {
        String body;
        try {
            body = json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        long timestamp = Instant.now().getEpochSecond();
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "streamsight-alert-service")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(
                        WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(subscription.secret(), timestamp, body))
                .header(WebhookSignature.IDEMPOTENCY_HEADER, alert.alertId())
                .header("X-StreamSight-Subscription", subscription.subscriptionId())
                .header("X-StreamSight-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
