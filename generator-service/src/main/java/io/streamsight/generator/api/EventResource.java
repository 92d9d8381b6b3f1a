package io.streamsight.generator.api;

import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.generator.publish.EventPublisher;
import io.streamsight.generator.service.GeneratorConfig;
import io.streamsight.generator.synth.CommonLogFormat;
import io.streamsight.generator.synth.EventStream;
import io.streamsight.generator.synth.TopicRecord;
import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends one hand-written event, checked against the contract first: JSON for event topics, one
 * common-log-format line for {@code web_logs}. Answers once Kafka has acknowledged it.
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventPublisher publisher;
    private final RequestBodies bodies;
    private final long ackTimeoutMillis;

    EventResource(EventPublisher publisher, RequestBodies bodies, GeneratorConfig config) {
        this.publisher = publisher;
        this.bodies = bodies;
        // Room to wait for a free slot, then for the acknowledgement itself.
        this.ackTimeoutMillis = 2 * config.producer().sendTimeout().toMillis();
    }

    /** Where the event went. */
    public record Sent(String topic, String key, int partition, long offset) {}

    @POST
    @Path("/{topic}")
    @Consumes(MediaType.WILDCARD)
    public Sent send(@PathParam("topic") String topicName, byte[] body) {
        Topic topic = Topic.byName(topicName)
                .filter(EventStream.PRODUCED_TOPICS::contains)
                .orElseThrow(() -> new ProblemException(
                        404,
                        "unknown-topic",
                        "Unknown topic",
                        "'" + topicName + "' is not a topic the generator produces; choose from "
                                + EventStream.PRODUCED_TOPICS.stream()
                                        .map(Topic::topicName)
                                        .toList(),
                        null));
        TopicRecord record = toRecord(topic, bodies.checked(body));
        try {
            RecordMetadata metadata = publisher.send(record).get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
            return new Sent(topic.topicName(), record.key(), metadata.partition(), metadata.offset());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ProblemException(
                    503,
                    "kafka-unavailable",
                    "Kafka did not accept the event",
                    "sending to " + topic.topicName() + " failed: " + cause,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "kafka-unavailable", "Kafka did not accept the event", "interrupted");
        }
    }

    /** Reads the event with the contract's codec and writes it back normalised (ISO timestamps, snake_case). */
    private static TopicRecord toRecord(Topic topic, byte[] body) {
        Class<?> type = topic.valueType().orElseThrow();
        if (type == String.class) {
            String line = new String(body, StandardCharsets.UTF_8).stripTrailing();
            CommonLogFormat.validate(line);
            return TopicRecord.text(topic, line);
        }
        return TopicRecord.event(topic, (Record) EventJson.read(body, type));
    }
}
