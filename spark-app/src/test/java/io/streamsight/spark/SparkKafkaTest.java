package io.streamsight.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.localstack.broker.EmbeddedKafka;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkKafkaTest {

    private static EmbeddedKafka kafka;
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        spark = SparkTestSession.get();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void sparkReadsEveryTransactionFromTheEmbeddedBroker() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                Transaction tx = new Transaction(
                        "tx-" + i,
                        "user-" + (i % 7),
                        new BigDecimal(i + 1),
                        "EUR",
                        "Amazon",
                        "Electronics",
                        "Madrid",
                        Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i));
                producer.send(new ProducerRecord<>(Topic.TRANSACTIONS.topicName(), tx.userId(), EventJson.write(tx)))
                        .get();
            }
        }

        Dataset<Row> records = spark.read()
                .format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("subscribe", Topic.TRANSACTIONS.topicName())
                .load()
                .selectExpr(
                        "CAST(key AS STRING) AS key", "get_json_object(CAST(value AS STRING), '$.amount') AS amount");

        assertThat(records.count()).isEqualTo(100);
        assertThat(records.selectExpr("sum(CAST(amount AS DECIMAL(12,2)))")
                        .first()
                        .getDecimal(0))
                .isEqualByComparingTo(new BigDecimal(5050));
        assertThat(records.select("key").distinct().count()).isEqualTo(7);
    }

    @Test
    void pipelinesAreChosenOnTheCommandLine() {
        assertThat(StreamSightApp.pipelines(new String[] {"--pipelines", "fraud,analytics"}))
                .containsExactly("fraud", "analytics");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StreamSightApp.pipelines(new String[0]))
                .hasMessageContaining("--pipelines");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> StreamSightApp.pipelines(new String[] {"--pipelines", "fraud,nosuch"}))
                .hasMessageContaining("unknown pipeline 'nosuch'");
    }
}
