package io.streamsight.generator.synth;

import io.streamsight.events.MalformedEventException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache's common log format, the content of {@code web_logs}:
 * {@code 10.1.2.3 - user_00042 [25/Nov/2026:10:15:30 +0000] "GET /cart HTTP/1.1" 200 5120}.
 */
public final class CommonLogFormat {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final Pattern LINE = Pattern.compile(
            "^(?<host>\\S+) (?<ident>\\S+) (?<user>\\S+) \\[(?<time>[^\\]]+)] \"(?<request>[^\"]*)\" (?<status>\\d{3}) (?<size>\\d+|-)$");

    private CommonLogFormat() {
    }

    static String format(String host, String user, Instant time, String method, String path, int status, long size) {
        return host + " - " + (user == null ? "-" : user) + " [" + TIME.format(time) + "] \"" + method + " " + path
                + " HTTP/1.1\" " + status + " " + (size == 0 ? "-" : Long.toString(size));
    }

    /** Checks that {@code line} is one common-log-format line; the exception names the part that is wrong. */
    public static void validate(String line) {
        if (line == null || line.isBlank()) {
            throw new MalformedEventException("<line>", "is empty");
        }
        if (line.contains("\n") || line.contains("\r")) {
            throw new MalformedEventException("<line>", "must be a single line");
        }
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            throw new MalformedEventException("<line>",
                    "is not in common log format: host ident user [dd/MMM/yyyy:HH:mm:ss Z] \"request\" status size");
        }
        try {
            TIME.parse(matcher.group("time"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("time", "cannot read '" + matcher.group("time") + "' as dd/MMM/yyyy:HH:mm:ss Z");
        }
        int status = Integer.parseInt(matcher.group("status"));
        if (status < 100 || status > 599) {
            throw new MalformedEventException("status", "must be an HTTP status 100..599, was " + status);
        }
    }
}
