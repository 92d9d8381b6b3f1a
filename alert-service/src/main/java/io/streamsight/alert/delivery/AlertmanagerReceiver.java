package io.streamsight.alert.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.alert.Alert;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.lag.LagAlertPolicy;
import io.streamsight.alert.lag.LagStatus;
import io.streamsight.events.ConsumerLagAlert;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.SensorAlert;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pushes alerts to Prometheus Alertmanager's {@code POST /api/v2/alerts}, so its routing,
 * grouping, inhibition and notifiers (Slack, PagerDuty, e-mail) apply. Labels carry what
 * routes are written against (alertname = alert_type, severity, kind, user/sensor, location,
 * alert_id); annotations carry the human-readable rest. alert_id is a label, so Alertmanager
 * itself merges a repeated alert instead of notifying twice.
 */
@ApplicationScoped
public class AlertmanagerReceiver implements Receiver {

    private final Optional<URI> endpoint;
    private final Duration alertDuration;
    private final Duration timeout;
    private final ObjectMapper json;

    public AlertmanagerReceiver(AlertServiceConfig config, ObjectMapper json) {
        this.endpoint = config.alertmanager()
                .url()
                .map(base -> URI.create(base.toString().replaceAll("/+$", "") + "/api/v2/alerts"));
        this.alertDuration = config.alertmanager().alertDuration();
        this.timeout = config.webhooks().requestTimeout();
        this.json = json;
    }

    /** This receiver, if an Alertmanager URL is configured. */
    public Optional<Receiver> configured() {
        return endpoint.map(url -> this);
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public String target() {
        return endpoint.map(URI::toString).orElse("");
    }

    @Override
    public boolean accepts(Alert alert) {
        return true;
    }

    @Override
    public HttpRequest request(Alert alert, int attempt) {
        try {
            return HttpRequest.newBuilder(endpoint.orElseThrow())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(postableAlerts(alert))))
                    .build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The v2 API's {@code postableAlerts}: an array with this one alert. */
    ArrayNode postableAlerts(Alert alert) {
        ObjectNode postable = json.createObjectNode();
        ObjectNode labels = postable.putObject("labels");
        // A lag alert's resolved notice ends the alert it resolves: same labels, endsAt now.
        ConsumerLagAlert resolution =
                alert.details() instanceof ConsumerLagAlert lag && lag.resolves() != null ? lag : null;
        LagStatus resolved = resolution == null ? null : LagStatus.valueOf(resolution.previousStatus());
        labels.put("alertname", resolved != null ? LagAlertPolicy.alertType(resolved) : alert.alertType());
        labels.put("severity", (resolved != null ? LagAlertPolicy.severity(resolved) : alert.severity()).wireName());
        labels.put("kind", alert.kind().wireName());
        labels.put("alert_id", resolution != null ? resolution.resolves() : alert.alertId());
        labels.put("service", "streamsight");
        putIfPresent(labels, "user_id", alert.userId());
        putIfPresent(labels, "sensor_id", alert.sensorId());
        putIfPresent(labels, "location", alert.location());

        ObjectNode annotations = postable.putObject("annotations");
        annotations.put("summary", summary(alert));
        annotations.put("detected_at", DateTimeFormatter.ISO_INSTANT.format(alert.detectedAt()));
        if (alert.details() instanceof FraudAlert fraud) {
            annotations.put("transaction_id", fraud.transactionId());
            annotations.put("amount", fraud.amount().toPlainString());
            annotations.put("merchant", fraud.merchant());
            annotations.put("category", fraud.category());
            annotations.put("risk_score", Integer.toString(fraud.riskScore()));
            annotations.put("rules", String.join(",", fraud.rules()));
            if (!fraud.explanations().isEmpty()) {
                annotations.put("explanation", explanation(fraud));
            }
        } else if (alert.details() instanceof ConsumerLagAlert lag) {
            labels.put("cluster_name", lag.clusterName());
            labels.put("group", lag.group());
            annotations.put("max_lag", Long.toString(lag.maxLag()));
            annotations.put("sum_lag", Long.toString(lag.sumLag()));
        } else if (alert.details() instanceof SensorAlert sensor) {
            annotations.put("temperature", Double.toString(sensor.temperature()));
            annotations.put("humidity", Double.toString(sensor.humidity()));
            annotations.put("pressure", Double.toString(sensor.pressure()));
            annotations.put("reasons", String.join(",", sensor.reasons()));
        }
        postable.put("startsAt", DateTimeFormatter.ISO_INSTANT.format(alert.detectedAt()));
        postable.put(
                "endsAt",
                DateTimeFormatter.ISO_INSTANT.format(
                        resolution != null
                                ? alert.detectedAt()
                                : alert.detectedAt().plus(alertDuration)));
        ArrayNode array = json.createArrayNode();
        array.add(postable);
        return array;
    }

    private static String summary(Alert alert) {
        if (alert.details() instanceof FraudAlert fraud) {
            return "%s fraud alert (%s) for user %s: %s at %s in %s"
                    .formatted(
                            alert.severity().wireName(),
                            alert.alertType(),
                            fraud.userId(),
                            fraud.amount().toPlainString(),
                            fraud.merchant(),
                            fraud.location());
        }
        if (alert.details() instanceof ConsumerLagAlert lag) {
            return "consumer group %s (%s): %s, was %s, max lag %d"
                    .formatted(lag.group(), lag.clusterName(), lag.status(), lag.previousStatus(), lag.maxLag());
        }
        return "%s sensor alert for sensor %s".formatted(alert.severity().wireName(), alert.sensorId());
    }

    /** One line per matched rule: {@code amount_over_5000: amount 12000.00 > 5000}. */
    private static String explanation(FraudAlert fraud) {
        return fraud.explanations().entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join("; ", e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
