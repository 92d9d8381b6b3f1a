package io.streamsight.localstack.broker;

import io.streamsight.localstack.process.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real Kafka cluster of N KRaft nodes (broker and controller combined, each its own JVM, the
 * controller quorum made of all of them): every catalog topic with N replicas and
 * {@code min.insync.replicas} 2, so one node may crash without an acknowledged record being lost.
 * A node can be killed and started again on its own ports and data, as a machine that rebooted.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private final List<Node> nodes;
    private final EmbeddedKafka[] running;

    private record Node(int port, Path dataDir, List<String> options) {}

    private EmbeddedKafkaCluster(List<Node> nodes, EmbeddedKafka[] running) {
        this.nodes = nodes;
        this.running = running;
    }

    /** Starts {@code size} nodes on free ports, with fresh data directories under {@code dataDir}. */
    public static EmbeddedKafkaCluster start(int size, Path dataDir) {
        return start(size, dataDir, 0);
    }

    /**
     * Starts {@code size} nodes listening on {@code firstPort} and the ports after it (0: free
     * ports), each keeping its data under {@code dataDir/node-<id>}; data from an earlier run is
     * kept. One node is a plain {@link EmbeddedKafka} in {@code dataDir} itself.
     */
    public static EmbeddedKafkaCluster start(int size, Path dataDir, int firstPort) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, got " + size);
        }
        if (size == 1) {
            Node single = new Node(firstPort, dataDir, List.of("--port", Integer.toString(firstPort)));
            return new EmbeddedKafkaCluster(
                    List.of(single), new EmbeddedKafka[] {EmbeddedKafka.start(dataDir, single.options())});
        }
        String clusterId = clusterId();
        List<int[]> ports = IntStream.range(0, size)
                .mapToObj(i -> new int[] {firstPort == 0 ? FreePort.pick() : firstPort + i, FreePort.pick()})
                .toList();
        String voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports.get(i)[1])
                .collect(Collectors.joining(","));
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int id = i + 1;
            nodes.add(new Node(
                    ports.get(i)[0],
                    dataDir.resolve("node-" + id),
                    List.of(
                            "--node-id",
                            Integer.toString(id),
                            "--port",
                            Integer.toString(ports.get(i)[0]),
                            "--controller-port",
                            Integer.toString(ports.get(i)[1]),
                            "--voters",
                            voters,
                            "--cluster-id",
                            clusterId,
                            "--replication-factor",
                            Integer.toString(size),
                            "--create-topics",
                            Boolean.toString(id == 1))));
        }
        // All at once: a KRaft node waits for a quorum of its voters before it serves anything.
        List<CompletableFuture<EmbeddedKafka>> starting = nodes.stream()
                .map(node -> CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(node.dataDir(), node.options())))
                .toList();
        EmbeddedKafka[] running = new EmbeddedKafka[size];
        RuntimeException failure = null;
        for (int i = 0; i < size; i++) {
            try {
                running[i] = starting.get(i).join();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(nodes, running);
        if (failure != null) {
            cluster.close();
            throw failure;
        }
        return cluster;
    }

    public static EmbeddedKafkaCluster start(int size) {
        try {
            return start(size, Files.createTempDirectory("streamsight-kafka-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every node's address, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return IntStream.range(0, nodes.size())
                .mapToObj(i -> running[i] != null
                        ? running[i].bootstrapServers()
                        : "127.0.0.1:" + nodes.get(i).port())
                .collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** The running process of node {@code id} (1-based), to kill or inspect. */
    public EmbeddedKafka node(int id) {
        return running[id - 1];
    }

    /** Starts node {@code id} again after it stopped or was killed: same ports, same data. */
    public void restart(int id) {
        Node node = nodes.get(id - 1);
        if (running[id - 1] != null && running[id - 1].isRunning()) {
            throw new IllegalStateException("node " + id + " is still running");
        }
        running[id - 1] = EmbeddedKafka.start(node.dataDir(), node.options());
    }

    @Override
    public void close() {
        for (EmbeddedKafka node : running) {
            if (node != null) {
                node.close();
            }
        }
    }

    /**
     * Kafka's cluster id form (16 random bytes, URL-safe base64), made without Kafka on the
     * classpath. Like Kafka's own {@code Uuid.randomUuid}, never one starting with '-': the storage
     * tool's argument parser reads such an id as an option and refuses to format (1 run in 64).
     */
    static String clusterId() {
        String id;
        do {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        } while (id.startsWith("-"));
        return id;
    }
}
