package io.streamsight.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class StreamSightSettingsTest {

    @Test
    void kafkaSecuritySettingsOfTheChartBecomeClientProperties() {
        SparkConf conf = new SparkConf(false)
                .set("spark.streamsight.kafka.bootstrapServers", "kafka-bootstrap:9093")
                .set("spark.streamsight.kafka.security.protocol", "SASL_SSL")
                .set("spark.streamsight.kafka.sasl.mechanism", "SCRAM-SHA-512")
                .set("spark.streamsight.kafka.ssl.truststore.type", "PEM")
                .set("spark.streamsight.kafka.groupIdPrefix", "streamsight-spark-");
        StreamSightSettings settings = StreamSightSettings.from(conf,
                Map.of("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));

        assertThat(settings.bootstrapServers()).isEqualTo("kafka-bootstrap:9093");
        assertThat(settings.kafkaClientConfig()).containsExactlyInAnyOrderEntriesOf(Map.of(
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
        SparkConf conf = new SparkConf(false).set("spark.streamsight.checkpointBase", "s3a://bucket/streamsight/checkpoints/");
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
}
