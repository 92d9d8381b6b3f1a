package io.streamsight.spark.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.Topic;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 10,000 hostile records on each input topic (HostileTransactionsKafkaTest also covers
 * {@code transactions} record by record in real-time mode), read by the pipeline that consumes it:
 * valid events damaged at random — cut short, a field given a value of the wrong JSON type or a
 * non-number, a raw control character or invalid UTF-8 inside a string — plus every shape that is
 * not an event at all (deep nesting, a bare scalar, a 1 MiB value). Every one must land in
 * {@code <input>_dlq} with its raw bytes and a reason, nothing in the pipeline's output (the
 * transactions are all over the amount rule's threshold: one taken for valid would alert), and the
 * pipeline's queries keep running.
 */
class HostileInputKafkaTest {

    private static final int RECORDS = 10_000;
    private static final Duration PROCESSED = Duration.ofMinutes(3);

    @RegisterExtension
    static final TransactionRecords records = TransactionRecords.onNewBroker();

    @TempDir
    Path checkpoints;

    /**
     * Input topic, its dead-letter topic, the pipeline reading it, a valid event and its fields' JSON
     * kinds, and an output the hostile records must leave empty.
     */
    record Input(
            Topic topic,
            Topic deadLetters,
            String pipeline,
            String valid,
            Map<String, Kind> fields,
            List<Topic> untouched) {
        @Override
        public String toString() {
            return topic.topicName();
        }
    }

    /** A field's JSON kind; null is a wrong value only where the field is required. */
    enum Kind {
        TEXT,
        OPTIONAL_TEXT,
        NUMBER
    }

    static Stream<Arguments> inputs() {
        return Stream.of(
                        new Input(
                                Topic.TRANSACTIONS,
                                Topic.TRANSACTIONS_DLQ,
                                "fraud",
                                "{\"transaction_id\":\"t-%d\",\"user_id\":\"user_00001\",\"amount\":12000.00,\"currency\":\"EUR\","
                                        + "\"merchant\":\"Amazon\",\"category\":\"Electronics\",\"location\":\"Madrid\","
                                        + "\"timestamp\":\"2026-12-03T10:00:00Z\"}",
                                Map.of(
                                        "transaction_id",
                                        Kind.TEXT,
                                        "user_id",
                                        Kind.TEXT,
                                        "amount",
                                        Kind.NUMBER,
                                        "currency",
                                        Kind.TEXT,
                                        "merchant",
                                        Kind.TEXT,
                                        "category",
                                        Kind.TEXT,
                                        "location",
                                        Kind.TEXT,
                                        "timestamp",
                                        Kind.TEXT),
                                List.of(Topic.FRAUD_ALERTS)),
                        new Input(
                                Topic.USER_UPDATES,
                                Topic.USER_UPDATES_DLQ,
                                "enrichment",
                                "{\"user_id\":\"u-%d\",\"home_location\":\"Madrid\",\"tier\":\"gold\",\"update_time\":\"2026-12-03T10:00:00Z\"}",
                                Map.of(
                                        "user_id",
                                        Kind.TEXT,
                                        "home_location",
                                        Kind.TEXT,
                                        "tier",
                                        Kind.TEXT,
                                        "update_time",
                                        Kind.TEXT),
                                List.of()),
                        new Input(
                                Topic.USER_ACTIVITY,
                                Topic.USER_ACTIVITY_DLQ,
                                "recommendations",
                                "{\"user_id\":\"u-%d\",\"action\":\"view\",\"item_id\":\"item-7\",\"timestamp\":\"2026-12-03T10:00:00Z\"}",
                                Map.of(
                                        "user_id",
                                        Kind.TEXT,
                                        "action",
                                        Kind.TEXT,
                                        "item_id",
                                        Kind.TEXT,
                                        "timestamp",
                                        Kind.TEXT),
                                List.of()),
                        new Input(
                                Topic.SENSOR_DATA,
                                Topic.SENSOR_DATA_DLQ,
                                "iot",
                                "{\"sensor_id\":\"s-%d\",\"temperature\":21.5,\"humidity\":40.0,\"pressure\":1013.2,"
                                        + "\"timestamp\":\"2026-12-03T10:00:00Z\"}",
                                Map.of(
                                        "sensor_id",
                                        Kind.TEXT,
                                        "temperature",
                                        Kind.NUMBER,
                                        "humidity",
                                        Kind.NUMBER,
                                        "pressure",
                                        Kind.NUMBER,
                                        "timestamp",
                                        Kind.TEXT),
                                List.of()),
                        new Input(
                                Topic.RAW_EVENTS,
                                Topic.RAW_EVENTS_DLQ,
                                "etl",
                                "{\"event_id\":\"e-%d\",\"user_id\":\"u-1\",\"event_type\":\"login\",\"payload\":\"{}\","
                                        + "\"event_time\":\"2026-12-03T10:00:00Z\"}",
                                Map.of(
                                        "event_id",
                                        Kind.TEXT,
                                        "user_id",
                                        Kind.OPTIONAL_TEXT,
                                        "event_type",
                                        Kind.TEXT,
                                        "payload",
                                        Kind.OPTIONAL_TEXT,
                                        "event_time",
                                        Kind.TEXT),
                                List.of()),
                        new Input(
                                Topic.WEB_LOGS,
                                Topic.WEB_LOGS_DLQ,
                                "weblogs",
                                "10.0.0.%d - - [03/Dec/2026:10:00:00 +0000] \"GET /checkout HTTP/1.1\" 500 2326",
                                Map.of(),
                                List.of()))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void everyHostileRecordIsADeadLetterWithItsReason(Input input) throws Exception {
        List<byte[]> hostile = input.fields().isEmpty()
                ? HostileRecords.logLines(input.valid(), RECORDS)
                : HostileRecords.jsonEvents(input.valid(), input.fields(), RECORDS);
        records.sendAll(input.topic(), hostile);

        try (StreamSightApp app = StreamSightApp.start(
                SparkTestSession.get(), records.microBatchSettings(checkpoints), Set.of(input.pipeline()))) {
            await().atMost(PROCESSED)
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(
                                    records.endOffsets(input.deadLetters().topicName()).values().stream()
                                            .mapToLong(Long::longValue)
                                            .sum())
                            .as("dead letters so far")
                            .isGreaterThanOrEqualTo(hostile.size()));
            assertThat(app.queries())
                    .allSatisfy(q -> assertThat(q.isActive())
                            .as(q.name() + " still running")
                            .isTrue());
        }
        List<ConsumerRecord<byte[], byte[]>> deadLetters = records.readAll(input.deadLetters());
        assertThat(deadLetters).hasSize(hostile.size());
        assertThat(deadLetters)
                .allSatisfy(r ->
                        assertThat(header(r, DeadLetters.REASON)).as("reason").isNotBlank());
        assertThat(deadLetters.stream()
                        .map(r -> Arrays.hashCode(r.value()))
                        .sorted()
                        .toList())
                .as("the raw bytes kept")
                .isEqualTo(hostile.stream().map(Arrays::hashCode).sorted().toList());
        for (Topic output : input.untouched()) {
            assertThat(records.readAll(output)).as(output.topicName()).isEmpty();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Seeded, so a failure names a record that can be made again. */
    static final class HostileRecords {

        private HostileRecords() {}

        static List<byte[]> jsonEvents(String template, Map<String, Kind> fields, int count) {
            Random random = new Random(42);
            List<String> names = new ArrayList<>(fields.keySet());
            names.sort(null);
            List<byte[]> out = new ArrayList<>(notEvents(template.formatted(0)));
            for (int i = out.size(); i < count; i++) {
                String valid = template.formatted(i + 1);
                String field = names.get(random.nextInt(names.size()));
                String text = switch (random.nextInt(6)) {
                    case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 1));
                    case 1 ->
                        withValue(
                                valid,
                                field,
                                fields.get(field) == Kind.NUMBER
                                        ? pick(random, "\"21.5\"", "true", "{}", "[]", "\"\"")
                                        : pick(
                                                random,
                                                "42",
                                                "4.2",
                                                "true",
                                                "{}",
                                                "[]",
                                                "{\"nested\":{\"deeper\":[1,2]}}"));
                    case 2 ->
                        withValue(
                                valid,
                                field,
                                switch (fields.get(field)) {
                                    case TEXT -> "null";
                                    case OPTIONAL_TEXT -> "\"unterminated";
                                    case NUMBER ->
                                        pick(
                                                random,
                                                "NaN",
                                                "Infinity",
                                                "-Infinity",
                                                "1e400",
                                                "9".repeat(400),
                                                "0x1F",
                                                "+5");
                                });
                    case 3 -> withValue(valid, field, "\"a" + (char) (1 + random.nextInt(31)) + "b\"");
                    case 4 -> "[" + valid + "]";
                    default -> withValue(valid, field, "{".repeat(1 + random.nextInt(50)));
                };
                out.add(text.getBytes(StandardCharsets.UTF_8));
            }
            return out;
        }

        static List<byte[]> logLines(String template, int count) {
            Random random = new Random(42);
            List<byte[]> out = new ArrayList<>(notEvents(template.formatted(0)));
            for (int i = out.size(); i < count; i++) {
                String valid = template.formatted(i % 250);
                int requestEnd = valid.lastIndexOf('"');
                String text = switch (random.nextInt(5)) {
                    case 0 -> valid.substring(0, 1 + random.nextInt(requestEnd - 1));
                    case 1 -> valid.replace("GET /checkout", "GET /check" + (char) (random.nextInt(32)) + "out");
                    case 2 -> valid.replace(" 500 ", " " + pick(random, "5000", "abc", "-1", "") + " ");
                    case 3 ->
                        valid.replace(
                                "03/Dec/2026:10:00:00",
                                pick(
                                        random,
                                        "32/Dec/2026:10:00:00",
                                        "03/Foo/2026:10:00:00",
                                        "03/Dec/2026:25:00:00",
                                        "yesterday"));
                    default -> "{\"line\":\"" + valid.replace("\"", "\\\"") + "\",\"n\":" + i + "}";
                };
                out.add(text.getBytes(StandardCharsets.UTF_8));
            }
            return out;
        }

        /** What is no event of any kind, whatever the topic. */
        private static List<byte[]> notEvents(String valid) {
            List<byte[]> out = new ArrayList<>();
            for (String text : List.of(
                    "",
                    "null",
                    "12000.00",
                    "true",
                    "[]",
                    "[".repeat(5_000) + "]".repeat(5_000),
                    "{" + "\"a\":{".repeat(3_000) + "}".repeat(3_001),
                    "\"" + valid.replace("\"", "\\\"") + "\"",
                    "x".repeat(1_000_000))) {
                out.add(text.getBytes(StandardCharsets.UTF_8));
            }
            byte[] invalidUtf8 = valid.getBytes(StandardCharsets.UTF_8);
            invalidUtf8[valid.length() / 2] = (byte) 0xC3;
            invalidUtf8[valid.length() / 2 + 1] = (byte) 0x28;
            out.add(invalidUtf8);
            out.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0x7B});
            return out;
        }

        private static String withValue(String json, String field, String value) {
            return json.replaceFirst(
                    "\"" + field + "\":(\"[^\"]*\"|[-0-9.]+)",
                    "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(value));
        }

        private static String pick(Random random, String... options) {
            return options[random.nextInt(options.length)];
        }
    }
}
