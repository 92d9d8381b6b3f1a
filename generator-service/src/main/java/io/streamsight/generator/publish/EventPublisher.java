package io.streamsight.generator.publish;

import io.streamsight.events.Topic;
import io.streamsight.generator.synth.TopicRecord;
import io.streamsight.kafka.ProducerDurability;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends generated records with the contract's durability ({@code acks=all}, idempotence) and
 * bounded memory: at most {@code maxInFlight} records may await their acknowledgement, and a
 * sender beyond that waits (up to {@code sendTimeout}, then the send fails) instead of piling
 * records up while the broker is slow or down. Every failure is counted by the listener and
 * logged (at most one line per topic every few seconds, with the number suppressed).
 */
public final class EventPublisher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());
    private static final long ERROR_LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final KafkaProducer<String, byte[]> producer;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final long sendTimeoutNanos;
    private final SendListener listener;
    private final Map<Topic, ErrorLog> errorLogs = new EnumMap<>(Topic.class);

    /**
     * @param kafka client settings ({@code bootstrap.servers}, security); durability and
     *              serialisation settings are imposed on top of them
     */
    public EventPublisher(Map<String, Object> kafka, int maxInFlight, Duration sendTimeout, SendListener listener) {
        this.producer = new KafkaProducer<>(producerConfig(kafka, sendTimeout));
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.sendTimeoutNanos = sendTimeout.toNanos();
        this.listener = listener;
        for (Topic topic : Topic.values()) {
            errorLogs.put(topic, new ErrorLog());
        }
    }

    /**
     * The producer settings: the caller's, with the contract's durability on top. Settings that
     * are not producer settings are left out: the caller's map may be shared with other clients
     * (Quarkus' {@code kafka.*} also configures the admin client of the health check).
     */
    public static Map<String, Object> producerConfig(Map<String, Object> kafka, Duration sendTimeout) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.keySet().retainAll(ProducerConfig.configNames());
        config.putAll(ProducerDurability.SETTINGS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "streamsight-generator");
        return config;
    }

    /**
     * Hands a record to the producer, waiting while {@code maxInFlight} records are unacknowledged.
     * {@code outcome} is called exactly once, also when the record could not even be handed over.
     */
    public void send(TopicRecord record, SendOutcome outcome) {
        long start = System.nanoTime();
        try {
            if (!inFlight.tryAcquire(sendTimeoutNanos, TimeUnit.NANOSECONDS)) {
                fail(
                        record.topic(),
                        new TimeoutException(maxInFlight + " records still await acknowledgement after "
                                + Duration.ofNanos(sendTimeoutNanos)),
                        outcome);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(record.topic(), e, outcome);
            return;
        }
        try {
            producer.send(
                    new ProducerRecord<>(record.topic().topicName(), record.key(), record.value()),
                    (metadata, error) -> {
                        inFlight.release();
                        if (error == null) {
                            listener.sent(record.topic(), System.nanoTime() - start);
                            outcome.completed(metadata, null);
                        } else {
                            fail(record.topic(), error, outcome);
                        }
                    });
        } catch (RuntimeException e) {
            // Thrown before the record was accepted (max.block.ms exceeded, producer closed): no callback will come.
            inFlight.release();
            fail(record.topic(), e, outcome);
        }
    }

    /** Sends one record and completes with its metadata once acknowledged. */
    public CompletableFuture<RecordMetadata> send(TopicRecord record) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        send(record, (metadata, error) -> {
            if (error == null) {
                result.complete(metadata);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    /** Records handed to the producer and not yet acknowledged. */
    public int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private void fail(Topic topic, Exception error, SendOutcome outcome) {
        listener.failed(topic, error);
        errorLogs.get(topic).log(topic, error);
        outcome.completed(null, error);
    }

    /** One warning per topic per interval, so a broker outage is visible without flooding the log. */
    private static final class ErrorLog {
        private final AtomicLong suppressed = new AtomicLong();
        private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - ERROR_LOG_INTERVAL_NANOS);

        void log(Topic topic, Exception error) {
            long now = System.nanoTime();
            long last = lastLogged.get();
            if (now - last >= ERROR_LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
                long others = suppressed.getAndSet(0);
                LOG.log(
                        Level.WARNING,
                        "sending to " + topic.topicName() + " failed: " + error
                                + (others > 0 ? " (" + others + " more failures since the last report)" : ""));
            } else {
                suppressed.incrementAndGet();
            }
        }
    }
}
