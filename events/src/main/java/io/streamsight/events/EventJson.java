package io.streamsight.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.stream.Collectors;

/**
 * JSON codec of the event contract: snake_case names, ISO-8601 instants (a timestamp without
 * a zone is read as UTC), amounts as exact decimals. Every failure to read becomes a
 * {@link MalformedEventException} that names the field.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private EventJson() {}

    /** The shared, thread-safe mapper. Do not reconfigure it; use {@link #configure} on your own. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the contract's conventions to a mapper the caller owns (for example Quarkus' own). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule instants = new SimpleModule("streamsight-instants");
        instants.addSerializer(Instant.class, new InstantSerializer());
        instants.addDeserializer(Instant.class, new InstantDeserializer());
        // The contract's types are enforced, never coerced: "12.50" is not an amount, 42 is not a user id.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(instants)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Tolerant reader: producers may add fields before consumers know them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException("<document>", "is empty");
        }
        try {
            return checkNotNull(MAPPER.readValue(json, type));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("<document>", "is empty");
        }
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    public static byte[] writeBytes(Object event) {
        return write(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses an ISO-8601 date-time; without an offset or zone it is taken as UTC. */
    public static Instant parseInstant(String text) {
        Instant utc = parseCanonicalUtc(text);
        if (utc != null) {
            return utc;
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text.trim());
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)
                || parsed.query(java.time.temporal.TemporalQueries.zone()) != null) {
            return Instant.from(parsed);
        }
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the form every StreamSight producer writes, read by
     * hand; null for any other form. The general formatter copies its parse state for each optional
     * section, and reading alert timestamps with it was the largest single cost of alert-service's
     * intake (docs/benchmarks.md, alert-service).
     */
    private static Instant parseCanonicalUtc(String text) {
        int length = text.length();
        if (length < 20
                || length > 30
                || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * (int) Math.pow(10, 9 - fractionDigits);
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }

    /** The decimal value of text[from, to), or -1 if a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static <T> T checkNotNull(T value) {
        if (value == null) {
            throw new MalformedEventException("<document>", "is null, expected a JSON object");
        }
        return value;
    }

    private static MalformedEventException malformed(IOException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MalformedEventException m) {
            return m;
        }
        if (e instanceof ValueInstantiationException && cause != null) {
            return new MalformedEventException(fieldOf((JsonMappingException) e), cause.getMessage(), e);
        }
        if (e instanceof InvalidFormatException f) {
            return new MalformedEventException(
                    fieldOf(f),
                    "cannot read '" + f.getValue() + "' as " + f.getTargetType().getSimpleName(),
                    e);
        }
        if (e instanceof MismatchedInputException m) {
            String target = m.getTargetType() == null
                    ? "the expected type"
                    : m.getTargetType().getSimpleName();
            return new MalformedEventException(fieldOf(m), "has the wrong type, expected " + target, e);
        }
        if (e instanceof JsonMappingException m) {
            return new MalformedEventException(fieldOf(m), m.getOriginalMessage(), e);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonParseException p) {
            String field = currentField(p.getProcessor());
            return new MalformedEventException(field, "is not valid JSON: " + p.getOriginalMessage(), e);
        }
        return new MalformedEventException("<document>", "cannot be read: " + e.getMessage(), e);
    }

    private static String currentField(Object processor) {
        if (processor instanceof JsonParser parser) {
            String name = parser.getParsingContext().getCurrentName();
            if (name != null) {
                return name;
            }
        }
        return "<document>";
    }

    private static String fieldOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "<document>" : path.replace(".[", "[");
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    private static final class InstantDeserializer extends StdDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            try {
                return parseInstant(text);
            } catch (DateTimeException e) {
                throw InvalidFormatException.from(p, "not an ISO-8601 timestamp", text, Instant.class);
            }
        }
    }
}
