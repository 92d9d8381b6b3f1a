package io.streamsight.alert.subscription;

import io.quarkus.runtime.Startup;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.kafka.StateTopic;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.kafka.TopicFollower;
import io.streamsight.service.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The webhook subscriptions, held as the compacted {@code alert_subscriptions} topic: every
 * replica reads the whole topic from the beginning and keeps reading, so all replicas and every
 * restart see the same set. Writes go to the topic; a write returns once this replica has read
 * it back, so a client's next GET sees its own change.
 */
@Startup
@ApplicationScoped
public class SubscriptionStore implements TopicFollower.Listener<String, byte[]> {

    private static final Logger LOG = Logger.getLogger(SubscriptionStore.class);
    private static final String TOPIC = Topic.ALERT_SUBSCRIPTIONS.topicName();

    private final KafkaConnection kafka;
    private final Event<SubscriptionRemoved> removals;
    private final Duration loadTimeout;
    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();
    private StateTopic topic;

    public SubscriptionStore(KafkaConnection kafka, Event<SubscriptionRemoved> removals, AlertServiceConfig config) {
        this.kafka = kafka;
        this.removals = removals;
        this.loadTimeout = config.subscriptions().loadTimeout();
    }

    @PostConstruct
    void start() {
        topic = new StateTopic(
                TOPIC,
                kafka.writer("alert-service-subscriptions"),
                () -> kafka.reader("alert-service-subscriptions"),
                this);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        topic.close();
    }

    public Collection<Subscription> all() {
        return byId.values();
    }

    public List<Subscription.Listed> list() {
        return byId.values().stream()
                .sorted(java.util.Comparator.comparing(Subscription::createdAt))
                .map(Subscription::listed)
                .toList();
    }

    public java.util.Optional<Subscription> find(String id) {
        return java.util.Optional.ofNullable(byId.get(id));
    }

    public boolean isLoaded() {
        return topic.isLoaded();
    }

    /** Blocks until every subscription that existed at startup has been read. */
    public void awaitLoaded() throws InterruptedException {
        topic.awaitLoaded(loadTimeout);
    }

    public Subscription save(Subscription subscription) {
        topic.write(subscription.subscriptionId(), EventJson.write(subscription));
        return subscription;
    }

    public void delete(String id) {
        if (!byId.containsKey(id)) {
            throw new ProblemException(404, "not-found", "Not found", "no subscription '" + id + "'");
        }
        // a tombstone: compaction removes the key for good
        topic.write(id, null);
    }

    @Override
    public void caughtUp() {
        LOG.infof("Loaded %d webhook subscriptions from %s", byId.size(), TOPIC);
    }

    @Override
    public void record(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warnf("Ignoring a record without key at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            if (byId.remove(record.key()) != null) {
                LOG.infof("Subscription %s removed", record.key());
                removals.fire(new SubscriptionRemoved(record.key()));
            }
            return;
        }
        try {
            Subscription subscription = EventJson.read(record.value(), Subscription.class);
            byId.put(record.key(), subscription);
            LOG.infof("Subscription %s -> %s", record.key(), subscription.url());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Ignoring unreadable subscription %s at offset %d: %s",
                    record.key(), record.offset(), e.getMessage());
        }
    }
}
