package io.streamsight.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of Apache's common log format, the content of {@code web_logs}:
 * {@code 10.1.2.3 - user_00042 [25/Nov/2026:10:15:30 +0000] "GET /cart HTTP/1.1" 200 5120}.
 * {@code user} and {@code size} are null where the line has {@code -}.
 */
public record CommonLogLine(
        String host, String ident, String user, Instant time, String request, int status, Long size) {

    /** The time field's form, {@code 10/Oct/2026:13:55:36 +0000}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final Pattern LINE = Pattern.compile(
            "^(?<host>\\S+) (?<ident>\\S+) (?<user>\\S+) \\[(?<time>[^\\]]+)] \"(?<request>[^\"]*)\" (?<status>\\d{3}) (?<size>\\d+|-)$");

    /** Parses one line; the exception names the part that is wrong. */
    public static CommonLogLine parse(String line) {
        if (line == null || line.isBlank()) {
            throw new MalformedEventException("<line>", "is empty");
        }
        if (line.contains("\n") || line.contains("\r")) {
            throw new MalformedEventException("<line>", "must be a single line");
        }
        // A control character in a log line is an injection attempt or a broken writer, never a request.
        for (int i = 0; i < line.length(); i++) {
            if (Character.isISOControl(line.charAt(i))) {
                throw new MalformedEventException(
                        "<line>",
                        String.format("has a control character (U+%04X) at column %d", (int) line.charAt(i), i + 1));
            }
        }
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            throw new MalformedEventException(
                    "<line>",
                    "is not in common log format: host ident user [dd/MMM/yyyy:HH:mm:ss Z] \"request\" status size");
        }
        Instant time;
        try {
            time = Instant.from(TIME.parse(matcher.group("time")));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(
                    "time", "cannot read '" + matcher.group("time") + "' as dd/MMM/yyyy:HH:mm:ss Z");
        }
        int status = Integer.parseInt(matcher.group("status"));
        if (status < 100 || status > 599) {
            throw new MalformedEventException("status", "must be an HTTP status 100..599, was " + status);
        }
        String user = matcher.group("user");
        String size = matcher.group("size");
        return new CommonLogLine(
                matcher.group("host"),
                matcher.group("ident"),
                "-".equals(user) ? null : user,
                time,
                matcher.group("request"),
                status,
                "-".equals(size) ? null : Long.valueOf(size));
    }
}
