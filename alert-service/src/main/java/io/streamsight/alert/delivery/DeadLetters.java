package io.streamsight.alert.delivery;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamsight.alert.Alert;
import io.streamsight.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Writes alerts that could not be delivered to {@code alert_deliveries_dlq}, keyed by alert_id. */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** The dead-letter record: enough to redeliver by hand, and why it failed. */
    public record DeadLetter(
            String alertId,
            String receiverType,
            String receiver,
            String target,
            int attempts,
            String lastError,
            Instant firstAttemptAt,
            Instant deadLetteredAt,
            Alert alert) {}

    private final Emitter<String> emitter;

    public DeadLetters(@Channel("alert-deliveries-dlq") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public void write(DeadLetter letter) {
        LOG.warnf(
                "Giving up on alert %s for %s %s after %d attempts: %s",
                letter.alertId(), letter.receiverType(), letter.receiver(), letter.attempts(), letter.lastError());
        RecordHeaders headers = new RecordHeaders();
        headers.add(
                "streamsight.receiver",
                (letter.receiverType() + ":" + letter.receiver()).getBytes(StandardCharsets.UTF_8));
        headers.add("streamsight.last_error", letter.lastError().getBytes(StandardCharsets.UTF_8));
        emitter.send(Message.of(EventJson.write(letter))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(letter.alertId())
                        .withHeaders(headers)
                        .build()));
    }
}
