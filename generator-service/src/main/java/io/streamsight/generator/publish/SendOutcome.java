package io.streamsight.generator.publish;

import org.apache.kafka.clients.producer.RecordMetadata;

/** What the caller of {@link EventPublisher#send} learns: metadata on success, the error otherwise. */
@FunctionalInterface
public interface SendOutcome {

    void completed(RecordMetadata metadata, Exception error);
}
