package io.streamsight.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    private static final Instant T = Instant.parse("2026-11-25T10:15:30.123Z");

    static Stream<Object> events() {
        return Stream.of(
                new Transaction(
                        "tx-1", "user-7", new BigDecimal("1234.50"), "EUR", "Amazon", "Electronics", "Madrid", T),
                new UserUpdate("user-7", "Madrid", "gold", T),
                new UserActivity("user-7", UserActivity.Action.PURCHASE, "item-42", T),
                new SensorReading("sensor-3", 21.5, 40.25, 1013.0, T),
                new RawEvent("ev-1", null, "page_view", "{\"path\":\"/\"}", T),
                new FraudGroundTruth("tx-1", "user-7", "high_amount", T),
                new FraudAlert(
                        AlertIds.of(AlertIds.FRAUD, "tx-1"),
                        "tx-1",
                        "user-7",
                        new BigDecimal("12000.01"),
                        "Electronics",
                        "Amazon",
                        "Madrid",
                        T,
                        "high_amount",
                        Severity.CRITICAL,
                        100,
                        List.of("amount_over_5000", "amount_over_3000"),
                        T.plusMillis(4),
                        Map.of(
                                "amount_over_5000", List.of("amount 12000.01 > 5000"),
                                "amount_over_3000", List.of("amount 12000.01 > 3000"))),
                new SensorAlert(
                        AlertIds.of(AlertIds.SENSOR, "sensor-3@" + T),
                        "sensor-3",
                        101.0,
                        50.0,
                        1000.0,
                        SensorAlert.Level.CRITICAL,
                        List.of("temperature_over_80"),
                        T,
                        T.plusMillis(2)));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventRoundTripsExactly(Object event) {
        String json = EventJson.write(event);
        Object back = EventJson.read(json, event.getClass());
        assertThat(back).isEqualTo(event);
        assertThat(EventJson.write(back)).isEqualTo(json);
    }

    @Test
    void writesSnakeCaseNamesAndIsoTimestamps() {
        String json = EventJson.write(
                new Transaction("tx-1", "user-7", new BigDecimal("10.05"), "EUR", "Target", "Groceries", "Sevilla", T));
        assertThat(json)
                .isEqualTo("{\"transaction_id\":\"tx-1\",\"user_id\":\"user-7\",\"amount\":10.05,"
                        + "\"currency\":\"EUR\",\"merchant\":\"Target\",\"category\":\"Groceries\",\"location\":\"Sevilla\","
                        + "\"timestamp\":\"2026-11-25T10:15:30.123Z\"}");
    }

    @Test
    void writesEnumsInLowerCase() {
        String json = EventJson.write(new UserActivity("u", UserActivity.Action.CLICK, "i", T));
        assertThat(json).contains("\"action\":\"click\"");
    }

    @Test
    void readsATimestampWithoutZoneAsUtcAndHonoursOffsets() {
        String base = "{\"user_id\":\"u\",\"home_location\":\"Madrid\",\"tier\":\"gold\",\"update_time\":\"%s\"}";
        assertThat(EventJson.read(base.formatted("2026-11-25T10:15:30.123"), UserUpdate.class)
                        .updateTime())
                .isEqualTo(T);
        assertThat(EventJson.read(base.formatted("2026-11-25T11:15:30.123+01:00"), UserUpdate.class)
                        .updateTime())
                .isEqualTo(T);
    }

    @ParameterizedTest
    @MethodSource("utcTimestamps")
    void readsEveryUtcFormTheWayTheJdkDoes(String text) {
        assertThat(EventJson.parseInstant(text)).isEqualTo(Instant.parse(text));
    }

    static Stream<String> utcTimestamps() {
        return Stream.of(
                "2026-11-25T10:15:30Z",
                "2026-11-25T10:15:30.1Z",
                "2026-11-25T10:15:30.12Z",
                "2026-11-25T10:15:30.123Z",
                "2026-11-25T10:15:30.123456Z",
                "2026-11-25T23:59:59.999999999Z",
                "2024-02-29T00:00:00.000Z",
                "1970-01-01T00:00:00Z");
    }

    @ParameterizedTest
    @MethodSource("impossibleUtcTimestamps")
    void refusesAnImpossibleUtcTimestamp(String text) {
        assertThatThrownBy(() -> EventJson.parseInstant(text)).isInstanceOf(java.time.DateTimeException.class);
    }

    static Stream<String> impossibleUtcTimestamps() {
        return Stream.of(
                "2026-02-30T10:15:30Z",
                "2026-13-01T10:15:30Z",
                "2026-11-25T24:00:00Z",
                "2026-11-25T10:60:30Z",
                "2026-11-25T10:15:30.1234567890Z",
                "2026-11-25T10:15:3xZ",
                "2026-11-25 10:15:30Z");
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsRejectedNamingItsFieldNeverCoerced(String field, String value) {
        String json =
                "{\"transaction_id\":\"tx\",\"user_id\":\"u\",\"amount\":12.50,\"currency\":\"EUR\",\"merchant\":\"m\","
                        + "\"category\":\"c\",\"location\":\"l\",\"timestamp\":\"2026-11-25T10:15:30Z\"}";
        String hostile = json.replaceFirst(
                "\"" + field + "\":(\"[^\"]*\"|[0-9.]+)",
                "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(value));
        assertThat(hostile).isNotEqualTo(json);
        assertThatThrownBy(() -> EventJson.read(hostile, Transaction.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("'" + field + "'");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("amount", "\"12.50\""),
                Arguments.of("amount", "\"\""),
                Arguments.of("amount", "true"),
                Arguments.of("user_id", "42"),
                Arguments.of("user_id", "4.2"),
                Arguments.of("user_id", "true"),
                Arguments.of("merchant", "{\"name\":\"m\"}"),
                Arguments.of("currency", "[\"EUR\"]"));
    }

    static Stream<Arguments> malformed() {
        String valid = "\"transaction_id\":\"tx\",\"user_id\":\"u\",\"currency\":\"EUR\",\"merchant\":\"m\","
                + "\"category\":\"c\",\"location\":\"l\",\"timestamp\":\"2026-11-25T10:15:30Z\"";
        return Stream.of(
                Arguments.of("bad JSON", "{" + valid + ",\"amount\": 12,,}", "amount"),
                Arguments.of("truncated JSON", "{" + valid + ",\"amount\": ", "amount"),
                Arguments.of("not JSON at all", "hello", "<document>"),
                Arguments.of("empty document", "", "<document>"),
                Arguments.of("JSON null", "null", "<document>"),
                Arguments.of("wrong type", "{" + valid + ",\"amount\":\"lots\"}", "amount"),
                Arguments.of("object for a number", "{" + valid + ",\"amount\":{\"v\":1}}", "amount"),
                Arguments.of("missing required field", "{" + valid + "}", "amount"),
                Arguments.of("non-positive amount", "{" + valid + ",\"amount\":-3}", "amount"),
                Arguments.of("three decimals", "{" + valid + ",\"amount\":1.005}", "amount"),
                Arguments.of("blank id", "{" + valid.replace("\"tx\"", "\"  \"") + ",\"amount\":1}", "transaction_id"),
                Arguments.of(
                        "bad timestamp",
                        "{" + valid.replace("2026-11-25T10:15:30Z", "yesterday") + ",\"amount\":1}",
                        "timestamp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputNamesTheField(String label, String json, String field) {
        assertThatThrownBy(() -> EventJson.read(json, Transaction.class))
                .isInstanceOf(MalformedEventException.class)
                .satisfies(
                        e -> assertThat(((MalformedEventException) e).field()).isEqualTo(field))
                .hasMessageContaining("'" + field + "'");
    }

    @Test
    void unknownEnumValueNamesTheField() {
        String json =
                "{\"user_id\":\"u\",\"action\":\"teleport\",\"item_id\":\"i\",\"timestamp\":\"2026-11-25T10:15:30Z\"}";
        assertThatThrownBy(() -> EventJson.read(json, UserActivity.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("'action'")
                .hasMessageContaining("teleport");
    }

    @Test
    void nonFiniteSensorValueIsRejected() {
        assertThatThrownBy(() -> new SensorReading("s", Double.NaN, 1.0, 1.0, T))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("'temperature'");
    }

    @Test
    void alertIdsAreDeterministicAndDistinct() {
        assertThat(AlertIds.of(AlertIds.FRAUD, "tx-1"))
                .isEqualTo(AlertIds.of(AlertIds.FRAUD, "tx-1"))
                .startsWith("fraud-")
                .hasSize("fraud-".length() + 32)
                .isNotEqualTo(AlertIds.of(AlertIds.FRAUD, "tx-2"));
    }
}
