package io.streamsight.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The Debian tools these tests use as independent peers; a missing one fails the test, naming its package. */
final class Tools {

    private Tools() {
    }

    static String kcat() {
        return onPath("kcat", "kcat");
    }

    static String stressNg() {
        return onPath("stress-ng", "stress-ng");
    }

    private static String onPath(String command, String debianPackage) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(command + " not found on PATH: install the Debian package '"
                        + debianPackage + "' (.ci/run installs it)"));
    }
}
