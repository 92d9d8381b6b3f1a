package io.streamsight.alert.rules;

import io.quarkus.runtime.Startup;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.kafka.CompactedTopic;
import io.streamsight.events.EventJson;
import io.streamsight.events.MalformedEventException;
import io.streamsight.events.Topic;
import io.streamsight.events.rules.EffectiveRules;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.FraudRuleJson;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.events.rules.RuleStatus;
import io.streamsight.kafka.TopicFollower;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The fraud rules in force, as the fraud query sees them: the rules file overlaid by the compacted
 * {@code fraud_rules} topic (value = put, tombstone = delete), through the same
 * {@link EffectiveRules} spark-app uses, so an invalid record changes nothing here either. Writes
 * go to the topic and return once read back (read-your-writes). spark-app's reports from
 * {@code fraud_rule_status} are followed beside it, to show whether a change is in force.
 */
@Startup
@ApplicationScoped
public class RuleStore {

    private static final Logger LOG = Logger.getLogger(RuleStore.class);
    private static final String RULES = Topic.FRAUD_RULES.topicName();
    private static final String STATUS = Topic.FRAUD_RULE_STATUS.topicName();

    private final KafkaConnection kafka;
    private final EffectiveRules effective;
    /** Offset of the version in force, for rules put through the topic. */
    private final Map<String, Long> offsets = new ConcurrentHashMap<>();

    private final Map<String, RuleStatus> pipeline = new ConcurrentHashMap<>();
    private volatile RuleBook book;
    private CompactedTopic rules;
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
        rules = new CompactedTopic(
                RULES, kafka.writer("alert-service-rules"), () -> kafka.reader("alert-service-rules"), this::applyRule);
        statuses = TopicFollower.of(() -> kafka.reader("alert-service-rule-status"), List.of(STATUS))
                .start(this::applyStatus);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rules.close();
        statuses.close();
    }

    /** False until {@code fraud_rules} has been read up to where it ended at startup. */
    public boolean isLoaded() {
        return rules.isLoaded();
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

    /** Puts a validated rule; returns its view once this replica has applied it. */
    public RuleView put(FraudRule rule) {
        rules.write(rule.ruleId(), FraudRuleJson.write(rule));
        return find(rule.ruleId()).orElseThrow();
    }

    /** Writes a tombstone; returns once applied. */
    public void delete(String ruleId) {
        rules.write(ruleId, null);
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
