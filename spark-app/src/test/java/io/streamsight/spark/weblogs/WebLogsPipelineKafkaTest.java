package io.streamsight.spark.weblogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.CommonLogLine;
import io.streamsight.events.Topic;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web-log pipeline on the embedded broker: per-minute error counts equal a plain-Java
 * recomputation over the lines, a line later than the 2-minute watermark is not counted, and
 * lines that do not parse are dead-lettered with the reason.
 */
class WebLogsPipelineKafkaTest {

    private static final Instant T0 = Instant.parse("2026-10-10T13:55:00Z");
    private static final int[] STATUSES = {200, 301, 399, 400, 404, 499, 500, 503, 599};

    private static final TransactionRecords records = TransactionRecords.shared();

    @TempDir
    Path checkpoints;

    private static String line(Instant time, int status) {
        return "10.0.0." + status % 7 + " - user_" + status + " [" + CommonLogLine.TIME.format(time) + "] \"GET /p/"
                + status + " HTTP/1.1\" " + status + " 512";
    }

    @Test
    void errorCountsPerMinuteEqualARecomputationAndLateOrMalformedLinesAreNotCounted() throws Exception {
        List<String> counted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            counted.add(line(T0.plusSeconds(7L * i), STATUSES[(i * 5) % STATUSES.length]));
        }
        List<String> malformed = List.of(
                "not a log line",
                "10.0.0.1 - - [10/Oct/2026:25:55:36 +0000] \"GET / HTTP/1.1\" 500 1",
                "10.0.0.1 - - [10/Oct/2026:13:55:36 +0000] \"GET / HTTP/1.1\" 700 1");
        counted.forEach(WebLogsPipelineKafkaTest::send);
        malformed.forEach(WebLogsPipelineKafkaTest::send);

        try (StreamSightApp app = StreamSightApp.start(
                SparkTestSession.get(), records.microBatchSettings(checkpoints), Set.of(WebLogsPipeline.NAME))) {
            awaitProcessed();
            // Moves the watermark to T0 + 18 minutes; then one line behind it and one inside it.
            String ahead = line(T0.plus(20, ChronoUnit.MINUTES), 500);
            send(ahead);
            counted.add(ahead);
            awaitProcessed();
            String inside = line(T0.plus(19, ChronoUnit.MINUTES), 404);
            send(line(T0.plusSeconds(90), 404));
            send(inside);
            counted.add(inside);
            awaitProcessed();
        }

        Map<String, Long> latest = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records.readAll(Topic.LOG_ERROR_COUNTS)) {
            JsonNode json = TransactionRecords.json(record.value());
            assertThat(TransactionRecords.text(record.key()))
                    .isEqualTo(json.get("error_type").asText());
            Instant start = Instant.parse(json.get("window_start").asText());
            assertThat(Instant.parse(json.get("window_end").asText())).isEqualTo(start.plus(1, ChronoUnit.MINUTES));
            latest.put(
                    json.get("error_type").asText() + "@" + start,
                    json.get("count").asLong());
        }
        assertThat(latest).isEqualTo(expected(counted));

        List<ConsumerRecord<byte[], byte[]>> deadLetters = records.readAll(Topic.WEB_LOGS_DLQ);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(r.value()))
                .containsExactlyInAnyOrderElementsOf(malformed);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(
                        r.headers().lastHeader(DeadLetters.REASON).value()))
                .containsExactlyInAnyOrder(
                        "field '<line>': is not in common log format: host ident user [dd/MMM/yyyy:HH:mm:ss Z] \"request\" status size",
                        "field 'time': cannot read '10/Oct/2026:25:55:36 +0000' as dd/MMM/yyyy:HH:mm:ss Z",
                        "field 'status': must be an HTTP status 100..599, was 700");
    }

    /** The recomputation: 4xx and 5xx lines counted per error type and minute. */
    private static Map<String, Long> expected(List<String> lines) {
        Map<String, Long> counts = new TreeMap<>();
        for (String text : lines) {
            CommonLogLine line = CommonLogLine.parse(text);
            String type = line.status() >= 500
                    ? LogErrorCounts.SERVER_ERROR
                    : line.status() >= 400 ? LogErrorCounts.CLIENT_ERROR : null;
            if (type != null) {
                counts.merge(type + "@" + line.time().truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum);
            }
        }
        return counts;
    }

    private static void send(String line) {
        records.send(Topic.WEB_LOGS, (byte[]) null, line.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitProcessed() {
        records.awaitProcessed(WebLogsPipeline.NAME, Topic.WEB_LOGS);
    }
}
