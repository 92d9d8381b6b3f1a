package io.streamsight.alert.triage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.kafka.StateTopic;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.kafka.TopicFollower;
import io.streamsight.service.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Every alert's triage, as the compacted {@code alert_labels} holds it, read by every replica
 * from the beginning; a change returns once this replica has read it back. The analysts'
 * dispositions, by transaction, are ground truth for detection quality and backtests.
 */
@Startup
@ApplicationScoped
public class TriageStore implements TopicFollower.Listener<String, byte[]> {

    /**
     * Where detection quality and backtests take fraud from: the analysts' dispositions
     * ({@link #fraud}), else the generator's statements.
     */
    public static final String TRUTH_SOURCE = "alert_labels where labelled, else fraud_ground_truth";

    private static final Logger LOG = Logger.getLogger(TriageStore.class);
    private static final String TOPIC = Topic.ALERT_LABELS.topicName();

    private final KafkaConnection kafka;
    private final Map<String, AlertTriage> byAlert = new ConcurrentHashMap<>();
    /**
     * Transaction id -> its alerts that carry a disposition (a transaction may have a stateless
     * and stateful alerts): the latest labelled of them is the analysts' verdict.
     */
    private final Map<String, Map<String, AlertTriage>> labelledByTransaction = new ConcurrentHashMap<>();

    private StateTopic topic;

    public TriageStore(KafkaConnection kafka, MeterRegistry registry) {
        this.kafka = kafka;
        for (AlertTriage.Disposition disposition : AlertTriage.Disposition.values()) {
            Gauge.builder(
                            "streamsight.alert.labels",
                            labelledByTransaction,
                            m -> m.keySet().stream()
                                    .filter(tx -> disposition(tx)
                                            .filter(disposition::equals)
                                            .isPresent())
                                    .count())
                    .description("Transactions an analyst has labelled, by disposition")
                    .tag("disposition", disposition.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    @PostConstruct
    void start() {
        topic = new StateTopic(
                TOPIC, kafka.writer("alert-service-labels"), () -> kafka.reader("alert-service-labels"), this);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        topic.close();
    }

    /** This store once {@code alert_labels} has been read to its end; until then a 503 problem. */
    TriageStore loaded() {
        if (!topic.isLoaded()) {
            throw new ProblemException(
                    503,
                    "labels-not-loaded",
                    "Labels not loaded yet",
                    "alert_labels is still being read up to its end");
        }
        return this;
    }

    public Optional<AlertTriage> find(String alertId) {
        return Optional.ofNullable(byAlert.get(alertId));
    }

    /** The most recently changed, newest first. */
    public List<AlertTriage> recent(int limit) {
        return byAlert.values().stream()
                .sorted(Comparator.comparing(AlertTriage::updatedAt).reversed())
                .limit(limit)
                .toList();
    }

    /** The analysts' verdict on a transaction, if one of its alerts has a disposition. */
    public Optional<Boolean> fraud(String transactionId) {
        return disposition(transactionId).map(AlertTriage.Disposition.FRAUD::equals);
    }

    private Optional<AlertTriage.Disposition> disposition(String transactionId) {
        return Optional.ofNullable(labelledByTransaction.get(transactionId))
                .flatMap(labelled -> labelled.values().stream()
                        .max(Comparator.comparing(
                                AlertTriage::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))))
                .map(AlertTriage::disposition);
    }

    /** Applies a change to an alert's triage (untouched: open) and returns it once read back. */
    synchronized AlertTriage change(String alertId, String transactionId, TriageChange change, String actor) {
        AlertTriage current = byAlert.getOrDefault(alertId, AlertTriage.untouched(alertId, transactionId));
        AlertTriage next = change.applyTo(current, actor, Instant.now());
        topic.write(alertId, EventJson.write(next));
        return next;
    }

    @Override
    public void caughtUp() {
        LOG.infof("Loaded the triage of %d alerts from %s", byAlert.size(), TOPIC);
    }

    @Override
    public void record(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        try {
            AlertTriage triage = EventJson.read(record.value(), AlertTriage.class);
            AlertTriage previous = byAlert.put(record.key(), triage);
            if (previous != null && previous.transactionId() != null) {
                labelledByTransaction.computeIfPresent(previous.transactionId(), (tx, labelled) -> {
                    labelled.remove(record.key());
                    return labelled.isEmpty() ? null : labelled;
                });
            }
            if (triage.transactionId() != null && triage.disposition() != null) {
                labelledByTransaction
                        .computeIfAbsent(triage.transactionId(), tx -> new ConcurrentHashMap<>())
                        .put(record.key(), triage);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Ignoring unreadable triage %s at offset %d: %s", record.key(), record.offset(), e.getMessage());
        }
    }
}
