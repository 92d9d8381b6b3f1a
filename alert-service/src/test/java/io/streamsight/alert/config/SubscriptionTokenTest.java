package io.streamsight.alert.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysts' tokens from a folder laid out as Kubernetes mounts a Secret. */
class SubscriptionTokenTest {

    @Test
    void aMountedSecretGivesOneTokenPerAnalystAndItsBookkeepingIsSkipped(@TempDir Path dir) throws Exception {
        // kubelet writes the keys into a timestamped folder, points ..data at it and links each key through it
        Path version = Files.createDirectory(dir.resolve("..2026_12_04_09_00_00.123456789"));
        Files.writeString(version.resolve("alice"), "alice-secret-token\n");
        Files.writeString(version.resolve("bob"), "bob-secret-token");
        Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
        Files.createSymbolicLink(dir.resolve("alice"), Path.of("..data", "alice"));
        Files.createSymbolicLink(dir.resolve("bob"), Path.of("..data", "bob"));

        assertThat(SubscriptionToken.fromFiles(dir))
                .isEqualTo(Map.of("alice", "alice-secret-token", "bob", "bob-secret-token"));
    }
}
