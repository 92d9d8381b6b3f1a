package io.streamsight.spark.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.events.RawEvent;
import io.streamsight.events.Topic;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.kafka.DeadLetters;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ETL pipeline on the embedded broker: the Parquet files hold exactly the events with a
 * user, partitioned by UTC date, the dropped ones are counted, malformed records are
 * dead-lettered, and a restart that replays an uncommitted batch, over more input, adds no duplicate.
 */
class EtlPipelineKafkaTest {

    private static final Instant T0 = Instant.parse("2026-11-25T23:59:30Z");

    private static final TransactionRecords records = TransactionRecords.shared();

    @TempDir
    Path checkpoints;

    @TempDir
    Path output;

    private static RawEvent event(int i) {
        return new RawEvent(
                "etl-" + i, i % 4 == 0 ? null : "user-" + i % 3, "click", "{\"n\":" + i + "}", T0.plusSeconds(13L * i));
    }

    @Test
    void parquetHoldsExactlyTheEventsWithAUserAndAReplayAfterRestartAddsNoDuplicate() throws Exception {
        StreamSightSettings settings = records.microBatchSettings(checkpoints)
                .withEtlPath(output.toUri().toString());
        List<RawEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(event(i));
        }
        events.forEach(e -> records.send(Topic.RAW_EVENTS, e.userId(), e));
        String malformed = "{\"event_id\":\"etl-bad\",\"user_id\":\"u\",\"event_type\":\"click\"}";
        records.send(
                Topic.RAW_EVENTS, "u".getBytes(StandardCharsets.UTF_8), malformed.getBytes(StandardCharsets.UTF_8));

        long dropped;
        try (StreamSightApp app = StreamSightApp.start(SparkTestSession.get(), settings, Set.of(EtlPipeline.NAME))) {
            records.awaitProcessed(EtlPipeline.NAME, Topic.RAW_EVENTS);
            dropped = droppedNullUserIds(app.queries().get(0));
        }
        assertThat(dropped)
                .isEqualTo(events.stream().filter(e -> e.userId() == null).count());
        assertThat(rows(output)).containsExactlyInAnyOrderElementsOf(expected(events));

        // As if the driver died after the files were written but before the batch was committed:
        // the restarted query runs that batch again, and the sink must not add its rows twice.
        forgetLastCommit(checkpoints.resolve(EtlPipeline.NAME + ".parquet").resolve("commits"));
        for (int i = 20; i < 30; i++) {
            events.add(event(i));
            records.send(Topic.RAW_EVENTS, events.get(i).userId(), events.get(i));
        }
        try (StreamSightApp app = StreamSightApp.start(SparkTestSession.get(), settings, Set.of(EtlPipeline.NAME))) {
            records.awaitProcessed(EtlPipeline.NAME, Topic.RAW_EVENTS);
        }
        assertThat(rows(output)).containsExactlyInAnyOrderElementsOf(expected(events));

        List<ConsumerRecord<byte[], byte[]>> deadLetters = records.readAll(Topic.RAW_EVENTS_DLQ);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(r.value()))
                .containsExactly(malformed);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(
                        r.headers().lastHeader(DeadLetters.REASON).value()))
                .containsExactly("field 'event_time': is required");
    }

    private static void forgetLastCommit(Path commits) throws IOException {
        long last;
        try (Stream<Path> files = Files.list(commits)) {
            last = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("\\d+"))
                    .mapToLong(Long::parseLong)
                    .max()
                    .orElseThrow();
        }
        Files.delete(commits.resolve(Long.toString(last)));
        Files.deleteIfExists(commits.resolve("." + last + ".crc"));
    }

    private static long droppedNullUserIds(StreamingQuery query) {
        long dropped = 0;
        for (StreamingQueryProgress progress : query.recentProgress()) {
            Row observed = progress.observedMetrics().get(RawEventCleaning.OBSERVED);
            if (observed != null) {
                dropped += observed.<Long>getAs(RawEventCleaning.DROPPED_NULL_USER_ID);
            }
        }
        return dropped;
    }

    private static List<String> expected(List<RawEvent> events) {
        return events.stream()
                .filter(e -> e.userId() != null)
                .map(e -> String.join(
                        "|",
                        e.eventId(),
                        e.userId(),
                        e.eventType(),
                        e.payload(),
                        e.eventTime().toString(),
                        e.eventTime().toString().substring(0, 10)))
                .toList();
    }

    private static List<String> rows(Path output) {
        List<String> rows = new ArrayList<>();
        for (Row row :
                SparkTestSession.get().read().parquet(output.toUri().toString()).collectAsList()) {
            assertThat(row.<Timestamp>getAs("processed_timestamp")).isNotNull();
            rows.add(String.join(
                    "|",
                    row.<String>getAs("event_id"),
                    row.<String>getAs("user_id"),
                    row.<String>getAs("event_type"),
                    row.<String>getAs("payload"),
                    row.<Timestamp>getAs("event_time").toInstant().toString(),
                    row.get(row.fieldIndex("date_partition")).toString()));
        }
        return rows;
    }
}
