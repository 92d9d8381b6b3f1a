package io.streamsight.localstack.tools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The programs tests use as independent peers (a non-Java Kafka client, Prometheus' linter, a
 * real Alertmanager, a browser, a CPU burner), each with the Debian package that provides it.
 * A missing one fails the test that needs it with that package's name, never skips it; {@code
 * ./run-tests} installs them all (README.md).
 */
public enum DebianTool {
    KCAT("kcat", "kcat"),
    PROMTOOL("promtool", "prometheus"),
    ALERTMANAGER("prometheus-alertmanager", "prometheus-alertmanager"),
    CHROMIUM("chromium", "chromium"),
    CHROMEDRIVER("chromedriver", "chromium-driver"),
    STRESS_NG("stress-ng", "stress-ng");

    private final String command;
    private final String debianPackage;

    DebianTool(String command, String debianPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
    }

    /** The program on {@code PATH} (or in /usr/bin), or an IllegalStateException naming its package. */
    public String path() {
        String searchPath = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        return Arrays.stream(searchPath.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() ->
                        new IllegalStateException(command + " is not installed: it comes with the Debian package '"
                                + debianPackage + "' (apt-get install " + debianPackage
                                + ", or run ./run-tests, which installs every test tool)"));
    }

    public String debianPackage() {
        return debianPackage;
    }
}
