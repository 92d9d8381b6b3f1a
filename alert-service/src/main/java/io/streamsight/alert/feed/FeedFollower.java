package io.streamsight.alert.feed;

import io.quarkus.runtime.Startup;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.ReceivedAlert.SourceOffset;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.intake.AlertDecoder;
import io.streamsight.alert.intake.DedupWindow;
import io.streamsight.events.MalformedEventException;
import io.streamsight.events.Topic;
import io.streamsight.kafka.StartPosition;
import io.streamsight.kafka.TopicFollower;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Fills this replica's live feed and recent-alert buffer from every partition of the alert
 * topics, with no consumer group, starting one dedup window back or at the last buffer's worth of
 * records of each partition, whichever is later. Delivery to webhooks and
 * Alertmanager is balanced across replicas by the intake's consumer group; what a person sees is
 * not: every replica's SSE clients and {@code GET /alerts} see every alert, and since event ids
 * are Kafka offsets, a client may resume on any replica with its {@code Last-Event-ID}.
 */
@Startup
@ApplicationScoped
public class FeedFollower implements TopicFollower.Listener<String, byte[]> {

    private final AlertFeed feed;
    private final KafkaConnection kafka;
    /** Spark may write an alert again after a crash; the feed shows it once, like the fan-out. */
    private final DedupWindow dedup;
    /** Read before catching up: restored in one go, as history rather than as live alerts. Follower thread only. */
    private final List<ReceivedAlert> history = new ArrayList<>();

    private volatile boolean live;
    private final int capacity;
    private TopicFollower<String, byte[]> follower;

    public FeedFollower(AlertFeed feed, KafkaConnection kafka, AlertServiceConfig config) {
        this.feed = feed;
        this.kafka = kafka;
        this.dedup = new DedupWindow(config);
        this.capacity = config.feed().capacity();
    }

    /**
     * No further back than what the buffer keeps: the dedup window is a day by default, and reading a
     * day of alerts to keep the last ten thousand would make every start slow.
     */
    @PostConstruct
    void start() {
        follower = TopicFollower.of(
                        () -> kafka.reader("alert-service-feed"),
                        List.of(
                                Topic.FRAUD_ALERTS.topicName(),
                                Topic.SENSOR_ALERTS.topicName(),
                                Topic.LAG_ALERTS.topicName()))
                .from(StartPosition.recent(Instant.now().minus(dedup.window()), capacity))
                .start(this);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        follower.close();
    }

    /** True once the alerts that existed at start-up are in the feed. */
    public boolean isLive() {
        return live;
    }

    @Override
    public void record(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        SourceOffset source = new SourceOffset(record.topic(), record.partition(), record.offset());
        try {
            AlertDecoder.decode(source, Instant.ofEpochMilli(record.timestamp()), record.headers(), record.value())
                    .filter(r -> dedup.firstSighting(r.alert().alertId(), r.arrivedAt()))
                    .ifPresent(alert -> {
                        if (live) {
                            feed.publish(alert);
                        } else {
                            history.add(alert);
                        }
                    });
        } catch (MalformedEventException e) {
            // The intake logs and counts malformed alerts; the feed only leaves them out.
        }
    }

    @Override
    public void caughtUp() {
        feed.restore(history);
        history.clear();
        live = true;
    }
}
