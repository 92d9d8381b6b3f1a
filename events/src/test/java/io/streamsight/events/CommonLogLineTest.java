package io.streamsight.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommonLogLineTest {

    @Test
    void aLineIsParsedWithItsTimeAsARealInstant() {
        CommonLogLine line =
                CommonLogLine.parse("10.1.2.3 - frank [10/Oct/2026:13:55:36 +0200] \"GET /a.gif HTTP/1.0\" 404 -");
        assertThat(line)
                .isEqualTo(new CommonLogLine(
                        "10.1.2.3",
                        "-",
                        "frank",
                        Instant.parse("2026-10-10T11:55:36Z"),
                        "GET /a.gif HTTP/1.0",
                        404,
                        null));
    }

    @Test
    void theExceptionNamesWhatIsWrong() {
        assertThatThrownBy(() -> CommonLogLine.parse("garbage"))
                .hasMessageStartingWith("field '<line>': is not in common log format");
        assertThatThrownBy(() -> CommonLogLine.parse("h - - [32/Oct/2026:13:55:36 +0000] \"GET / HTTP/1.0\" 200 1"))
                .hasMessageStartingWith("field 'time': cannot read '32/Oct/2026:13:55:36 +0000'");
        assertThatThrownBy(() -> CommonLogLine.parse("h - - [10/Oct/2026:13:55:36 +0000] \"GET / HTTP/1.0\" 999 1"))
                .hasMessage("field 'status': must be an HTTP status 100..599, was 999");
        assertThatThrownBy(() ->
                        CommonLogLine.parse("h - - [10/Oct/2026:13:55:36 +0000] \"GET /a\u0007b HTTP/1.0\" 200 1"))
                .hasMessage("field '<line>': has a control character (U+0007) at column 43");
    }
}
