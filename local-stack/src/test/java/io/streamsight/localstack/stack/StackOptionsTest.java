package io.streamsight.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    private static final Path HOME = Path.of("/opt/streamsight");

    @Test
    void defaultsFollowTheDesignPorts() {
        StackOptions options = StackOptions.parse(HOME, new String[0]);
        assertThat(options.command()).isEqualTo("up");
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(options.generatorPort()).isEqualTo(8081);
        assertThat(options.alertPort()).isEqualTo(8082);
        assertThat(options.sparkUiPort()).isEqualTo(4040);
        assertThat(options.fraudUiPort()).isEqualTo(4041);
        assertThat(options.dataDir()).isEqualTo(HOME.resolve(".streamsight"));
        assertThat(options.feed()).isTrue();
    }

    @Test
    void optionsAndPositionalArgumentsAreRead() {
        StackOptions options = StackOptions.parse(HOME, new String[] {
            "logs", "spark", "--data-dir", "/tmp/s", "--kafka-port", "19092", "--no-feed", "--pipelines", "fraud"
        });
        assertThat(options.command()).isEqualTo("logs");
        assertThat(options.arguments()).containsExactly("spark");
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/s"));
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(StackOptions.parse(HOME, new String[] {"up", "--kafka-port", "19092", "--brokers", "3"})
                        .bootstrapServers())
                .as("every node, so clients start while any one is down")
                .isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
        assertThat(options.feed()).isFalse();
        assertThat(options.pipelines()).isEqualTo("fraud");
    }

    @Test
    void theRealTimeFraudPipelineRunsApartFromTheMicroBatchOnes() {
        StackOptions all = StackOptions.parse(HOME, new String[0]);
        assertThat(all.realTimePipelines()).containsExactly("fraud");
        assertThat(all.microBatchPipelines())
                .containsExactly("patterns", "analytics", "iot", "weblogs", "enrichment", "etl", "recommendations");
        StackOptions some = StackOptions.parse(
                HOME, new String[] {"--pipelines", "analytics, fraud,analytics", "--spark-ui-port", "5000"});
        assertThat(some.realTimePipelines()).containsExactly("fraud");
        assertThat(some.microBatchPipelines()).containsExactly("analytics");
        assertThat(some.fraudUiPort()).isEqualTo(5001);
        StackOptions noFraud = StackOptions.parse(HOME, new String[] {"--pipelines", "iot", "--fraud-ui-port", "6000"});
        assertThat(noFraud.realTimePipelines()).isEmpty();
        assertThat(noFraud.fraudUiPort()).isEqualTo(6000);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> StackOptions.parse(HOME, new String[] {"launch"}))
                .hasMessageContaining("unknown command launch");
        assertThatThrownBy(() -> StackOptions.parse(HOME, new String[] {"up", "--kafka-port", "70000"}))
                .hasMessageContaining("--kafka-port must be a port number");
        assertThatThrownBy(() -> StackOptions.parse(HOME, new String[] {"up", "--brokers", "0"}))
                .hasMessageContaining("--brokers must be a whole number within 1..5, was 0");
        assertThatThrownBy(() -> StackOptions.parse(HOME, new String[] {"up", "--brokers", "three"}))
                .hasMessageContaining("--brokers must be a whole number within 1..5, was three");
        assertThatThrownBy(() -> StackOptions.parse(HOME, new String[] {"up", "--rate", "-1"}))
                .hasMessageContaining("--rate must be positive");
        assertThatThrownBy(() -> StackOptions.parse(HOME, new String[] {"up", "--fraud-ratio", "2"}))
                .hasMessageContaining("--fraud-ratio");
        assertThatThrownBy(() -> StackOptions.parse(HOME, new String[] {"up", "--pipelines"}))
                .hasMessageContaining("--pipelines needs a value");
        assertThatThrownBy(() -> StackOptions.parse(HOME, new String[] {"up", "--colour", "red"}))
                .hasMessageContaining("unknown option --colour");
    }

    @Test
    void alertLinesAreReadable() {
        String line = AlertFeed.line(
                "fraud_alerts",
                ("{\"alert_id\":\"fraud-1\",\"transaction_id\":\"tx\",\"user_id\":\"user-7\","
                                + "\"amount\":12000.5,\"category\":\"Electronics\",\"merchant\":\"Amazon\",\"location\":\"Madrid\","
                                + "\"timestamp\":\"2026-11-25T10:15:30Z\",\"alert_type\":\"high_amount\",\"severity\":\"critical\","
                                + "\"risk_score\":100,\"rules\":[\"amount_over_5000\",\"amount_over_3000\"],"
                                + "\"detected_at\":\"2026-11-25T10:15:30.004Z\"}")
                        .getBytes());
        assertThat(line)
                .contains(
                        "FRAUD",
                        "critical",
                        "high_amount",
                        "user-7",
                        "12000.5",
                        "Madrid",
                        "rules=amount_over_5000,amount_over_3000");
        assertThat(AlertFeed.line("fraud_alerts", "not json".getBytes()))
                .startsWith("unreadable alert on fraud_alerts");
    }
}
