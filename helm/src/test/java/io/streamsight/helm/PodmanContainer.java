package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One container of a rendered pod, started by podman the way a kubelet would start it: the pod's
 * and the container's securityContext (user and group, read-only root filesystem, dropped
 * capabilities, no privilege escalation), its memory limit, its volumes (an emptyDir as a tmpfs of
 * the claimed size, anything else from a host directory the caller fills, as Kubernetes fills a
 * Secret or a claim) and its environment. Containers share the host's network, so each service is
 * given a port of its own.
 */
final class PodmanContainer implements AutoCloseable {

    /**
     * podman's defaults raise the open-files and process limits above what an unprivileged sandbox
     * may set (runc then refuses to start anything), and crun fails on this host's cgroup v1 setup.
     */
    private static final String CONTAINERS_CONF = """
            [containers]
            default_ulimits = []
            [engine]
            runtime = "runc"
            """;

    private static final Path CONTAINERS_CONF_FILE = writeContainersConf();

    private final String name;
    private final String image;
    private final List<String> run = new ArrayList<>();
    private final List<String> command = new ArrayList<>();

    private PodmanContainer(String name, String image) {
        this.name = name;
        this.image = image;
        run.addAll(List.of("run", "--detach", "--name", name, "--network", "host", "--pull", "never"));
    }

    static PodmanContainer named(String name, String image) {
        return new PodmanContainer(name, image);
    }

    /** The pod-level and container-level securityContext, as the kubelet applies them. */
    PodmanContainer securedBy(JsonNode podSecurity, JsonNode containerSecurity) {
        long uid = containerSecurity
                .path("runAsUser")
                .asLong(podSecurity.path("runAsUser").asLong(-1));
        long gid = containerSecurity
                .path("runAsGroup")
                .asLong(podSecurity.path("runAsGroup").asLong(uid));
        boolean nonRoot = containerSecurity
                .path("runAsNonRoot")
                .asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false));
        if (uid >= 0) {
            assertThat(nonRoot && uid == 0)
                    .as("runAsNonRoot with runAsUser 0 is refused by the kubelet")
                    .isFalse();
            run.addAll(List.of("--user", uid + ":" + gid));
        }
        if (podSecurity.has("fsGroup")) {
            run.addAll(List.of("--group-add", podSecurity.path("fsGroup").asText()));
        }
        if (containerSecurity.path("readOnlyRootFilesystem").asBoolean(false)) {
            // podman would also mount tmpfs on /tmp, /var/tmp and /run; a kubelet mounts only what the pod declares.
            run.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        if (!containerSecurity.path("allowPrivilegeEscalation").asBoolean(true)) {
            run.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        containerSecurity
                .path("capabilities")
                .path("drop")
                .forEach(cap -> run.addAll(List.of("--cap-drop", cap.asText())));
        containerSecurity
                .path("capabilities")
                .path("add")
                .forEach(cap -> run.addAll(List.of("--cap-add", cap.asText())));
        return this;
    }

    PodmanContainer memoryLimit(String quantity) {
        if (quantity != null && !quantity.isBlank()) {
            run.addAll(List.of("--memory", podmanSize(quantity)));
        }
        return this;
    }

    /**
     * Mounts a pod's volumes where the container mounts them: an emptyDir as a tmpfs (its sizeLimit,
     * else 256 MiB), any other volume from {@code hostDirs} by volume name, read-only when the mount
     * or the volume kind (secret, configMap) says so.
     */
    PodmanContainer mounting(JsonNode volumes, JsonNode mounts, Map<String, Path> hostDirs) {
        for (JsonNode mount : mounts) {
            String volumeName = mount.path("name").asText();
            JsonNode volume = null;
            for (JsonNode candidate : volumes) {
                if (candidate.path("name").asText().equals(volumeName)) {
                    volume = candidate;
                }
            }
            assertThat(volume)
                    .as("volumeMount " + volumeName + " names a volume of the pod")
                    .isNotNull();
            String path = mount.path("mountPath").asText();
            if (volume.has("emptyDir")) {
                String size =
                        podmanSize(volume.path("emptyDir").path("sizeLimit").asText("256Mi"));
                run.addAll(List.of("--tmpfs", path + ":rw,size=" + size + ",mode=1777"));
            } else {
                Path host = hostDirs.get(volumeName);
                assertThat(host).as("a host directory for volume " + volumeName).isNotNull();
                volume(
                        host,
                        path,
                        mount.path("readOnly").asBoolean(false) || volume.has("secret") || volume.has("configMap"));
            }
        }
        return this;
    }

    /** A host directory where Kubernetes would mount a ConfigMap or a Secret the test writes itself. */
    PodmanContainer volume(Path host, String path, boolean readOnly) {
        run.addAll(List.of("--volume", host.toAbsolutePath() + ":" + path + (readOnly ? ":ro" : ":rw")));
        return this;
    }

    /** A Kubernetes binary quantity (512Mi, 1Gi) in podman's units (512m, 1g). */
    private static String podmanSize(String quantity) {
        return quantity.replaceFirst("([KMGkmg])i?$", "$1").toLowerCase(Locale.ROOT);
    }

    PodmanContainer env(Map<String, String> environment) {
        environment.forEach((key, value) -> run.addAll(List.of("--env", key + "=" + value)));
        return this;
    }

    PodmanContainer command(List<String> arguments) {
        command.addAll(arguments);
        return this;
    }

    /** The container's {@code command}, in place of the image's entrypoint (its {@code args} go to {@link #command}). */
    PodmanContainer entrypoint(List<String> executableAndArguments) {
        run.addAll(List.of("--entrypoint", EventJson.write(executableAndArguments)));
        return this;
    }

    PodmanContainer start() {
        List<String> args = new ArrayList<>(run);
        args.add(image);
        args.addAll(command);
        podman(Duration.ofMinutes(1), List.of("rm", "--force", "--ignore", name));
        Result started = podman(Duration.ofMinutes(2), args);
        assertThat(started.exit())
                .as("podman run " + name + ": " + started.output())
                .isZero();
        return this;
    }

    boolean running() {
        return podman(Duration.ofSeconds(30), List.of("inspect", "--format", "{{.State.Running}}", name))
                .output()
                .strip()
                .equals("true");
    }

    /** The exit status of a container that has stopped. */
    int exitCode() {
        return Integer.parseInt(
                podman(Duration.ofSeconds(30), List.of("inspect", "--format", "{{.State.ExitCode}}", name))
                        .output()
                        .strip());
    }

    String logs() {
        return podman(Duration.ofSeconds(30), List.of("logs", name)).output();
    }

    @Override
    public void close() {
        podman(Duration.ofMinutes(1), List.of("rm", "--force", "--ignore", "--time", "5", name));
    }

    static boolean imageExists(String image) {
        return podman(Duration.ofSeconds(30), List.of("image", "exists", image)).exit() == 0;
    }

    private static Path writeContainersConf() {
        try {
            Path conf = Path.of("target/podman/containers.conf").toAbsolutePath();
            Files.createDirectories(conf.getParent());
            return Files.writeString(conf, CONTAINERS_CONF, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exit, String output) {}

    private static Result podman(Duration timeout, List<String> args) {
        try {
            List<String> command = new ArrayList<>(List.of("podman"));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("CONTAINERS_CONF", CONTAINERS_CONF_FILE.toString());
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("podman " + args + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("podman could not be run (apt-get install podman runc)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
