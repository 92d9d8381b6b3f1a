package io.streamsight.alert.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Startup;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.kafka.StateTopic;
import io.streamsight.events.EventJson;
import io.streamsight.events.MalformedEventException;
import io.streamsight.events.Topic;
import io.streamsight.events.rules.EffectiveRules;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.FraudRuleJson;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.events.rules.RuleChange;
import io.streamsight.events.rules.RuleStatus;
import io.streamsight.kafka.TopicFollower;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * The fraud rules in force, as the fraud query sees them: the rules file overlaid by the compacted
 * {@code fraud_rules} topic (value = put, tombstone = delete), through the same
 * {@link EffectiveRules} spark-app uses, so an invalid record changes nothing here either. Writes
 * go to the topic and return once read back (read-your-writes). spark-app's reports from
 * {@code fraud_rule_status} are followed beside it, to show whether a change is in force, and
 * every change is recorded on the append-only {@code fraud_rules_audit} with its author.
 */
@Startup
@ApplicationScoped
public class RuleStore {

    private static final Logger LOG = Logger.getLogger(RuleStore.class);
    private static final String RULES = Topic.FRAUD_RULES.topicName();
    private static final String STATUS = Topic.FRAUD_RULE_STATUS.topicName();
    private static final String AUDIT = Topic.FRAUD_RULES_AUDIT.topicName();

    private final KafkaConnection kafka;
    private final EffectiveRules effective;
    /** Offset of the version in force, for rules put through the topic. */
    private final Map<String, Long> offsets = new ConcurrentHashMap<>();

    private final Map<String, RuleStatus> pipeline = new ConcurrentHashMap<>();
    private final RuleHistory history = new RuleHistory();
    private volatile RuleBook book;
    private StateTopic rules;
    private StateTopic audit;
    private TopicFollower statuses;

    public RuleStore(KafkaConnection kafka, AlertServiceConfig config) {
        this.kafka = kafka;
        List<FraudRule> base = config.rules()
                .file()
                .map(file -> {
                    try {
                        return FraudRuleJson.readFile(Files.readAllBytes(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the rules file " + file, e);
                    }
                })
                .orElseGet(FraudRuleJson::defaults);
        this.effective = new EffectiveRules(base);
        this.book = effective.book();
    }

    @PostConstruct
    void start() {
        rules = new StateTopic(
                RULES, kafka.writer("alert-service-rules"), () -> kafka.reader("alert-service-rules"), this::applyRule);
        audit = new StateTopic(
                AUDIT,
                kafka.writer("alert-service-rules-audit"),
                () -> kafka.reader("alert-service-rules-audit"),
                this::applyChange);
        statuses = TopicFollower.of(() -> kafka.reader("alert-service-rule-status"), List.of(STATUS))
                .start(this::applyStatus);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rules.close();
        audit.close();
        statuses.close();
    }

    /** False until {@code fraud_rules} and its audit trail have been read up to where they ended at startup. */
    public boolean isLoaded() {
        return rules.isLoaded() && audit.isLoaded();
    }

    /** The rules in force as one immutable book, as the fraud query evaluates them. */
    public RuleBook book() {
        return book;
    }

    /** Every rule in force, enabled or not, in evaluation order (priority, then id). */
    public List<RuleView> list() {
        return book.rules().stream().map(this::view).toList();
    }

    public Optional<RuleView> find(String ruleId) {
        return rule(ruleId).map(this::view);
    }

    public Optional<FraudRule> rule(String ruleId) {
        return book.rules().stream().filter(r -> r.ruleId().equals(ruleId)).findFirst();
    }

    /**
     * Puts a validated rule and records the change on the audit trail; returns its view once this
     * replica has applied both. One change at a time per replica, so "before" is what it replaced.
     */
    public synchronized RuleView put(FraudRule rule, RuleChange.Action action, String actor, Integer rolledBackTo) {
        ObjectNode before = rule(rule.ruleId()).map(FraudRuleJson::toTree).orElse(null);
        RecordMetadata written = rules.write(rule.ruleId(), FraudRuleJson.write(rule));
        record(new RuleChange(
                rule.ruleId(),
                action,
                actor,
                Instant.now(),
                before,
                FraudRuleJson.toTree(rule),
                written.offset(),
                rolledBackTo));
        return find(rule.ruleId()).orElseThrow();
    }

    /** Writes a tombstone and records the deletion; returns once applied. */
    public synchronized void delete(String ruleId, RuleChange.Action action, String actor, Integer rolledBackTo) {
        ObjectNode before = rule(ruleId).map(FraudRuleJson::toTree).orElse(null);
        RecordMetadata written = rules.write(ruleId, null);
        record(new RuleChange(ruleId, action, actor, Instant.now(), before, null, written.offset(), rolledBackTo));
    }

    /** The recorded changes of a rule, oldest first (change {@code i} made version {@code i + 1}). */
    public List<RuleChange> history(String ruleId) {
        return history.of(ruleId);
    }

    /** The rule as a recorded version left it; empty where it did not exist then. */
    public Optional<ObjectNode> version(String ruleId, int version) {
        return history.version(ruleId, version);
    }

    private void record(RuleChange change) {
        try {
            audit.write(change.ruleId(), EventJson.write(change));
        } catch (IllegalStateException e) {
            // The change itself is on fraud_rules and in force; only its record is missing.
            LOG.errorf(e, "%s's change to rule %s is in force but not on %s", change.actor(), change.ruleId(), AUDIT);
            throw e;
        }
    }

    private RuleView view(FraudRule rule) {
        Long offset = offsets.get(rule.ruleId());
        return new RuleView(
                FraudRuleJson.toTree(rule),
                offset == null ? RuleView.RULES_FILE : RuleView.FRAUD_RULES,
                offset,
                pipeline.get(rule.ruleId()));
    }

    private void applyRule(ConsumerRecord<String, byte[]> record) {
        RuleStatus outcome = effective.apply(record.key(), record.value(), record.offset());
        switch (outcome.status()) {
            case ACTIVE -> offsets.put(outcome.ruleId(), record.offset());
            case DELETED -> offsets.remove(outcome.ruleId());
            case REJECTED ->
                LOG.warnf(
                        "fraud_rules@%d (%s) is not a valid rule, the previous version stays: %s",
                        record.offset(), record.key(), outcome.reason());
        }
        book = effective.book();
    }

    private void applyChange(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            history.record(EventJson.read(record.value(), RuleChange.class));
        } catch (MalformedEventException e) {
            LOG.warnf("Ignoring an unreadable %s record at offset %d: %s", AUDIT, record.offset(), e.getMessage());
        }
    }

    private void applyStatus(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        try {
            pipeline.put(record.key(), EventJson.read(record.value(), RuleStatus.class));
        } catch (MalformedEventException e) {
            LOG.warnf("Ignoring an unreadable fraud_rule_status record for %s: %s", record.key(), e.getMessage());
        }
    }
}
