package io.streamsight.spark.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsight.events.rules.FraudRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamSightSettingsTest {

    @Test
    void kafkaSecuritySettingsOfTheChartBecomeClientProperties() {
        SparkConf conf = new SparkConf(false)
                .set("spark.streamsight.kafka.bootstrapServers", "kafka-bootstrap:9093")
                .set("spark.streamsight.kafka.security.protocol", "SASL_SSL")
                .set("spark.streamsight.kafka.sasl.mechanism", "SCRAM-SHA-512")
                .set("spark.streamsight.kafka.ssl.truststore.type", "PEM")
                .set("spark.streamsight.kafka.groupIdPrefix", "streamsight-spark-");
        StreamSightSettings settings = StreamSightSettings.from(
                conf,
                Map.of("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));

        assertThat(settings.bootstrapServers()).isEqualTo("kafka-bootstrap:9093");
        assertThat(settings.kafkaClientConfig())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "ssl.truststore.type", "PEM",
                        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
    }

    @Test
    void aLocalBrokerNeedsNoClientProperties() {
        StreamSightSettings settings = StreamSightSettings.from(new SparkConf(false), Map.of());
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.kafkaClientConfig()).isEmpty();
        assertThat(settings.fraudTrigger()).isEqualTo(StreamSightSettings.FraudTrigger.REAL_TIME);
        assertThat(settings.etlPath()).isEqualTo("file:///tmp/streamsight/etl");
    }

    @Test
    void theEtlOutputIsBesideTheCheckpointsUnlessConfigured() {
        SparkConf conf =
                new SparkConf(false).set("spark.streamsight.checkpointBase", "s3a://bucket/streamsight/checkpoints/");
        assertThat(StreamSightSettings.from(conf, Map.of()).etlPath()).isEqualTo("s3a://bucket/streamsight/etl");
        conf.set("spark.streamsight.etl.path", "hdfs://nn/warehouse/raw_events");
        assertThat(StreamSightSettings.from(conf, Map.of()).etlPath()).isEqualTo("hdfs://nn/warehouse/raw_events");
    }

    @Test
    void anUnknownTriggerIsRefusedWithTheSettingsName() {
        SparkConf conf = new SparkConf(false).set("spark.streamsight.fraud.trigger", "sometimes");
        assertThatThrownBy(() -> StreamSightSettings.from(conf, Map.of()))
                .hasMessageContaining("spark.streamsight.fraud.trigger");
    }

    @Test
    void aStatefulProcessingTimeQueryNeverTriggersMoreOftenThanItsMinimum() {
        Duration second = Duration.ofSeconds(1);
        SparkConf backToBack = new SparkConf(false).set("spark.streamsight.microBatchInterval", "0 seconds");
        assertThat(StreamSightSettings.from(backToBack, Map.of()).microBatchTrigger(second))
                .isEqualTo(Trigger.ProcessingTime(1000));
        SparkConf slow = new SparkConf(false).set("spark.streamsight.microBatchInterval", "7 seconds");
        assertThat(StreamSightSettings.from(slow, Map.of()).microBatchTrigger(second))
                .isEqualTo(Trigger.ProcessingTime(7000));
        // Unset, micro-batches are 5 s apart: back to back, a dozen queries kept a core busy on a trickle.
        assertThat(StreamSightSettings.from(new SparkConf(false), Map.of()).microBatchTrigger(second))
                .isEqualTo(Trigger.ProcessingTime(5000));
    }

    @Test
    void theRulesFileAndTheStatefulRulesIdleExpiryAreSettings(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, """
                {"rules":[{"rule_id":"big","condition":{"field":"amount","op":"gt","value":99}},
                 {"rule_id":"burst","pattern":{"type":"velocity","count":9,"window_seconds":90}}]}""");
        SparkConf conf = new SparkConf(false)
                .set("spark.streamsight.patterns.idleExpiry", "2d")
                .set("spark.streamsight.fraud.rulesFile", rules.toString());
        StreamSightSettings settings = StreamSightSettings.from(conf, Map.of());
        assertThat(settings.patternIdleExpiry()).isEqualTo(Duration.ofDays(2));
        assertThat(settings.fraudRules().rules()).extracting(FraudRule::ruleId).containsExactly("big", "burst");
        assertThat(StreamSightSettings.from(new SparkConf(false), Map.of()).patternIdleExpiry())
                .isEqualTo(Duration.ofDays(7));

        Files.writeString(rules, "{\"rules\":[{\"rule_id\":\"big\"}]}");
        assertThatThrownBy(() -> StreamSightSettings.from(conf, Map.of()))
                .hasMessage("field 'rules[0].condition': is required, or a pattern for a stateful rule");
    }

    /** The thresholds are rules now: an old setting is refused rather than silently ignored. */
    @Test
    void theStatefulThresholdSettingsOfEarlierBuildsAreRefusedNamingWhereTheyWent() {
        SparkConf conf = new SparkConf(false).set("spark.streamsight.patterns.velocityCount", "9");
        assertThatThrownBy(() -> StreamSightSettings.from(conf, Map.of()))
                .hasMessageContaining("spark.streamsight.patterns.velocityCount is no longer read")
                .hasMessageContaining("fraud_rules");
    }
}
