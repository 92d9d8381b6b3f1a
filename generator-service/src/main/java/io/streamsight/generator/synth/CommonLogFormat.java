package io.streamsight.generator.synth;

import io.streamsight.events.CommonLogLine;
import java.time.Instant;

/**
 * Writes Apache's common log format, the content of {@code web_logs}:
 * {@code 10.1.2.3 - user_00042 [25/Nov/2026:10:15:30 +0000] "GET /cart HTTP/1.1" 200 5120}.
 * Reading and validation belong to the contract ({@link CommonLogLine}), so the generator accepts
 * exactly the lines spark-app can parse.
 */
public final class CommonLogFormat {

    private CommonLogFormat() {}

    static String format(String host, String user, Instant time, String method, String path, int status, long size) {
        return host + " - " + (user == null ? "-" : user) + " [" + CommonLogLine.TIME.format(time) + "] \"" + method
                + " " + path + " HTTP/1.1\" " + status + " " + (size == 0 ? "-" : Long.toString(size));
    }

    /** Checks that {@code line} is one common-log-format line; the exception names the part that is wrong. */
    public static void validate(String line) {
        CommonLogLine.parse(line);
    }
}
