package io.streamsight.spark.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.spark.SparkTestSession;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The contract's schema applied to raw Kafka values: valid rows parsed exactly, every other one given a reason. */
class TransactionParserTest {

    private static final StructType KAFKA_SCHEMA = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType);
    private static final Timestamp PRODUCED = Timestamp.from(java.time.Instant.parse("2026-11-25T10:15:31Z"));

    private static String tx(String amount, String timestamp) {
        return "{\"transaction_id\":\"t1\",\"user_id\":\"u1\",\"amount\":" + amount + ",\"currency\":\"EUR\","
                + "\"merchant\":\"Shop\",\"category\":\"Books\",\"location\":\"Madrid\",\"timestamp\":" + timestamp
                + "}";
    }

    @Test
    void validTransactionsAreParsedExactlyAndZonelessTimestampsAreUtc() {
        List<Row> parsed = parse(List.of(
                tx("12.5", "\"2026-11-25T10:15:30.123Z\""),
                tx("99.99", "\"2026-11-25T10:15:30\""),
                tx("7", "\"2026-11-25T11:15:30+01:00\"")));

        assertThat(parsed)
                .allSatisfy(row -> assertThat(row.<String>getAs("reason")).isNull());
        assertThat(parsed)
                .extracting(row -> row.<BigDecimal>getAs("amount"))
                .containsExactly(new BigDecimal("12.50"), new BigDecimal("99.99"), new BigDecimal("7.00"));
        assertThat(parsed)
                .extracting(row -> row.<Timestamp>getAs("timestamp").toInstant())
                .containsExactly(
                        Instant.parse("2026-11-25T10:15:30.123Z"),
                        Instant.parse("2026-11-25T10:15:30Z"),
                        Instant.parse("2026-11-25T10:15:30Z"));
        assertThat(parsed.get(0).<String>getAs("transaction_id")).isEqualTo("t1");
        assertThat(parsed.get(0).<String>getAs("location")).isEqualTo("Madrid");
    }

    @Test
    void everyContractViolationGetsAReasonNamingTheField() {
        Map<String, String> reasonFragmentByValue = new LinkedHashMap<>();
        reasonFragmentByValue.put("not json at all", "not valid JSON");
        reasonFragmentByValue.put("[1,2]", "<document>");
        reasonFragmentByValue.put("{\"transaction_id\":\"t1\"}", "'user_id': is required");
        reasonFragmentByValue.put(tx("\"twelve\"", "\"2026-11-25T10:15:30Z\""), "'amount'");
        reasonFragmentByValue.put(tx("true", "\"2026-11-25T10:15:30Z\""), "'amount'");
        // docs/design.md section 5: amounts are JSON numbers; a string is refused, never coerced
        reasonFragmentByValue.put(tx("\"99.99\"", "\"2026-11-25T10:15:30Z\""), "'amount': has the wrong type");
        reasonFragmentByValue.put(tx("0", "\"2026-11-25T10:15:30Z\""), "'amount': must be positive");
        reasonFragmentByValue.put(tx("-3", "\"2026-11-25T10:15:30Z\""), "'amount': must be positive");
        reasonFragmentByValue.put(tx("1.234", "\"2026-11-25T10:15:30Z\""), "'amount': has more than 2 decimals");
        reasonFragmentByValue.put(tx("1e300", "\"2026-11-25T10:15:30Z\""), "'amount': is too large");
        reasonFragmentByValue.put(tx("\"NaN\"", "\"2026-11-25T10:15:30Z\""), "'amount'");
        reasonFragmentByValue.put(tx("5", "\"yesterday\""), "'timestamp'");
        reasonFragmentByValue.put(tx("5", "12345"), "'timestamp'");
        reasonFragmentByValue.put(tx("5", "null"), "'timestamp': is required");

        List<Row> parsed = parse(new ArrayList<>(reasonFragmentByValue.keySet()));

        List<String> fragments = new ArrayList<>(reasonFragmentByValue.values());
        for (int i = 0; i < parsed.size(); i++) {
            Row row = parsed.get(i);
            assertThat(row.<String>getAs("reason")).as(fragments.get(i)).contains(fragments.get(i));
            assertThat(row.<String>getAs("transaction_id")).isNull();
        }
    }

    @Test
    void aRecordWithoutValueIsRejectedNotLost() {
        Row row = SparkTestSession.get()
                .createDataFrame(List.of(RowFactory.create(null, null, "transactions", 0, 0L, PRODUCED)), KAFKA_SCHEMA)
                .transform(TransactionParser::parse)
                .collectAsList()
                .get(0);

        assertThat(row.<String>getAs("reason")).contains("<document>");
    }

    private static List<Row> parse(List<String> values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(RowFactory.create(
                    "k".getBytes(StandardCharsets.UTF_8),
                    values.get(i).getBytes(StandardCharsets.UTF_8),
                    "transactions",
                    0,
                    (long) i,
                    PRODUCED));
        }
        return SparkTestSession.get()
                .createDataFrame(rows, KAFKA_SCHEMA)
                .transform(TransactionParser::parse)
                .orderBy("kafka_offset")
                .collectAsList();
    }
}
