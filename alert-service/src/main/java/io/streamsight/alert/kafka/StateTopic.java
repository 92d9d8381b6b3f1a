package io.streamsight.alert.kafka;

import io.streamsight.kafka.TopicFollower;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic held as state by every replica — compacted, or append-only and small like the rules'
 * audit trail: followed from the beginning, and written
 * so that a write returns once this replica has read it back (its listener has applied it), so a
 * client's next read sees its own change. The producer should use {@code acks=all}.
 */
public final class StateTopic {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaProducer<String, String> writer;
    private final TopicFollower<String, byte[]> follower;

    public StateTopic(
            String topic,
            KafkaProducer<String, String> writer,
            Supplier<KafkaConsumer<String, byte[]>> readers,
            TopicFollower.Listener<String, byte[]> listener) {
        this.topic = topic;
        this.writer = writer;
        this.follower = TopicFollower.of(readers, List.of(topic)).start(listener);
    }

    /** Puts {@code value} under {@code key} (null: a tombstone) and waits until it has been read back. */
    public RecordMetadata write(String key, String value) {
        try {
            RecordMetadata written = writer.send(new ProducerRecord<>(topic, key, value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            follower.awaitRead(new TopicPartition(topic, written.partition()), written.offset(), WRITE_TIMEOUT);
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    /** True once everything on the topic at startup has been read. */
    public boolean isLoaded() {
        return follower.isCaughtUp();
    }

    public void awaitLoaded(Duration timeout) throws InterruptedException {
        if (!follower.awaitCaughtUp(timeout)) {
            throw new IllegalStateException(topic + " not read up to its end within " + timeout);
        }
    }

    public void close() throws InterruptedException {
        follower.close();
        writer.close(Duration.ofSeconds(5));
    }
}
