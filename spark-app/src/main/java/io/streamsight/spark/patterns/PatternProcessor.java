package io.streamsight.spark.patterns;

import io.streamsight.events.AlertIds;
import io.streamsight.events.Severity;
import io.streamsight.events.Transaction;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.spark.alerts.Explanations;
import io.streamsight.spark.fraud.RuleBookSource;
import io.streamsight.spark.input.TransactionParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Per user: runs {@link PatternDetector} with the stateful rules in force over the batch's events
 * in event-time order (profile changes before transactions of the same instant) and emits one
 * FraudAlert row per matched rule and transaction, and one per transaction the stateless shadow
 * rules would flag; a shadow rule's rows are marked {@value #SHADOW}. A stateful rule's {@code
 * sets} gives its alerts' type (default: the pattern's), severity and risk score. State expires
 * by event time: a timer at the last event time plus the idle expiry clears it once the
 * watermark passes, and the detector starts afresh if an event
 * comes after a longer gap. This is the state's TTL, in event time: Spark's own {@code TTLConfig}
 * counts processing time and is refused in event-time mode, and processing time would expire
 * the state of a replayed backlog in the middle of a burst.
 */
public final class PatternProcessor extends StatefulProcessor<String, Row, Row> {

    /** True for a shadow rule's match, which goes to {@code fraud_shadow_alerts}; not a FraudAlert field. */
    public static final String SHADOW = "shadow";

    public static final StructType ALERT_SCHEMA = new StructType()
            .add("alert_id", DataTypes.StringType)
            .add("transaction_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("amount", TransactionParser.AMOUNT_TYPE)
            .add("category", DataTypes.StringType)
            .add("merchant", DataTypes.StringType)
            .add("location", DataTypes.StringType)
            .add("timestamp", DataTypes.TimestampType)
            .add("alert_type", DataTypes.StringType)
            .add("severity", DataTypes.StringType)
            .add("risk_score", DataTypes.IntegerType)
            .add("rules", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("detected_at", DataTypes.TimestampType)
            .add("explanations", Explanations.TYPE)
            .add(SHADOW, DataTypes.BooleanType);

    static final String PROFILE = "profile";
    static final String TRANSACTION = "transaction";

    /** A stateful match's severity and risk score when its rule's {@code sets} gives none. */
    static final Severity DEFAULT_SEVERITY = Severity.HIGH;

    static final int DEFAULT_RISK_SCORE = 75;

    private final Duration idleExpiry;
    private final RuleBookSource rules;
    private transient PatternDetector detector;
    private transient ValueState<UserProfile> profiles;

    public PatternProcessor(Duration idleExpiry, RuleBookSource rules) {
        this.idleExpiry = idleExpiry;
        this.rules = rules;
    }

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        detector = new PatternDetector(idleExpiry, CityCoordinates.shipped());
        profiles = getHandle().getValueState("user_profile", Encoders.bean(UserProfile.class), TTLConfig.NONE());
    }

    @Override
    public Iterator<Row> handleInputRows(String userId, Iterator<Row> rows, TimerValues timerValues) {
        List<Row> events = new ArrayList<>();
        CollectionConverters.asJava(rows).forEachRemaining(events::add);
        events.sort(Comparator.comparing((Row row) -> row.<Timestamp>getAs("timestamp"))
                .thenComparing(row -> TRANSACTION.equals(row.getAs("kind"))));
        UserProfile profile = profiles.exists() ? profiles.get() : null;
        List<PatternDetector.Match> matches = new ArrayList<>();
        List<Row> alerts = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        RuleBook book = rules.current();
        RuleBook shadow = book.shadow();
        for (Row event : events) {
            long at = event.<Timestamp>getAs("timestamp").getTime();
            if (TRANSACTION.equals(event.getAs("kind")) && shadow.canFlag()) {
                shadowAlert(userId, event, shadow, now).ifPresent(alerts::add);
            }
            profile = PROFILE.equals(event.getAs("kind"))
                    ? detector.home(profile, event.getAs("location"), at)
                    : detector.transaction(
                            profile,
                            new SeenTransaction(
                                    event.getAs("transaction_id"),
                                    event.getAs("amount"),
                                    event.getAs("merchant"),
                                    event.getAs("category"),
                                    event.getAs("location"),
                                    at),
                            book.stateful(),
                            matches);
        }
        profiles.update(profile);
        CollectionConverters.asJava(getHandle().listTimers())
                .forEachRemaining(t -> getHandle().deleteTimer((Long) t));
        getHandle().registerTimer(profile.getLastSeenMillis() + idleExpiry.toMillis());
        for (PatternDetector.Match match : matches) {
            alerts.add(alert(userId, match, now));
        }
        return CollectionConverters.asScala(alerts.iterator());
    }

    @Override
    public Iterator<Row> handleExpiredTimer(String userId, TimerValues timerValues, ExpiredTimerInfo expiredTimerInfo) {
        profiles.clear();
        return CollectionConverters.asScala(Collections.<Row>emptyIterator());
    }

    private static Row alert(String userId, PatternDetector.Match match, Timestamp detectedAt) {
        SeenTransaction tx = match.transaction();
        FraudRule rule = match.rule();
        return RowFactory.create(
                AlertIds.of(AlertIds.FRAUD, rule.ruleId() + ":" + tx.getTransactionId()),
                tx.getTransactionId(),
                userId,
                tx.getAmount().setScale(TransactionParser.AMOUNT_TYPE.scale(), RoundingMode.HALF_EVEN),
                tx.getCategory(),
                tx.getMerchant(),
                tx.getLocation(),
                new Timestamp(tx.getEpochMillis()),
                rule.sets().alertType().orElse(rule.pattern().type()),
                rule.sets().severityFloor().orElse(DEFAULT_SEVERITY).wireName(),
                rule.sets().riskScoreFloor().orElse(DEFAULT_RISK_SCORE),
                new String[] {rule.ruleId()},
                detectedAt,
                Explanations.value(Map.of(rule.ruleId(), List.of(match.explanation()))),
                rule.mode() == FraudRule.Mode.SHADOW);
    }

    /** What the shadow rules would alert on for one transaction event, as FraudDetection would say it. */
    private static Optional<Row> shadowAlert(String userId, Row event, RuleBook shadow, Timestamp detectedAt) {
        Timestamp time = event.getAs("timestamp");
        BigDecimal amount = event.getAs("amount");
        RuleBook.Verdict verdict = shadow.evaluate(new Transaction(
                event.getAs("transaction_id"),
                userId,
                amount,
                event.getAs("currency"),
                event.getAs("merchant"),
                event.getAs("category"),
                event.getAs("location"),
                time.toInstant()));
        if (!verdict.flagged()) {
            return Optional.empty();
        }
        return Optional.of(RowFactory.create(
                AlertIds.of(AlertIds.FRAUD, "shadow:" + event.getAs("transaction_id")),
                event.getAs("transaction_id"),
                userId,
                amount,
                event.getAs("category"),
                event.getAs("merchant"),
                event.getAs("location"),
                time,
                verdict.alertType(),
                verdict.severity().wireName(),
                verdict.riskScore(),
                verdict.rules().toArray(String[]::new),
                detectedAt,
                Explanations.value(verdict.explanations()),
                true));
    }
}
