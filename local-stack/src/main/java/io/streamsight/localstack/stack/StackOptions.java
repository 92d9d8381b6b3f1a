package io.streamsight.localstack.stack;

import java.nio.file.Path;
import java.util.List;

/** Command-line options of {@code ./streamsight}. */
record StackOptions(
        String command,
        Path home,
        Path dataDir,
        int kafkaPort,
        int brokers,
        int generatorPort,
        int alertPort,
        int sparkUiPort,
        int fraudUiPort,
        String pipelines,
        double ratePerSecond,
        double fraudRatio,
        boolean feed,
        List<String> arguments) {

    static final int MAX_BROKERS = 5;
    static final String ALL_PIPELINES = "fraud,patterns,analytics,iot,weblogs,enrichment,etl,recommendations";
    private static final List<String> REAL_TIME_PIPELINES = List.of("fraud");

    static final String USAGE = """
            usage: ./streamsight <command> [options]
              up       start Kafka, alert-service, spark-app and generator-service; Ctrl-C stops them
              status   show which services run and whether they are healthy
              logs     show the services' logs (logs <service> for one)
              topics   list every topic with partitions, end offsets and consumer groups
              clean    delete the data directory (only when the stack is stopped)
            options:
              --data-dir DIR        all state (default .streamsight in the project)
              --kafka-port N        default 9092 (with --brokers N, nodes listen on this port and the next N-1)
              --brokers N           Kafka nodes (default 1); 3 gives topics 3 replicas, min.insync.replicas 2
              --generator-port N    default 8081
              --alert-port N        default 8082
              --spark-ui-port N     Spark UI of the micro-batch pipelines, default 4040
              --fraud-ui-port N     Spark UI of the real-time fraud pipeline, default spark-ui-port + 1
              --pipelines a,b       spark-app pipelines (default: all of them,
                                    fraud,patterns,analytics,iot,weblogs,enrichment,etl,recommendations)
              --rate N              default scenario, events per second over its six event
                                    types, one in six a transaction (default 20)
              --fraud-ratio R       default scenario, share of injected fraud (default 0.05)
              --no-feed             do not print the live alert feed
            """;

    static StackOptions parse(Path home, String[] args) {
        List<String> list = List.of(args);
        boolean commandGiven = !list.isEmpty() && !list.get(0).startsWith("--");
        String command = commandGiven ? list.get(0) : "up";
        List<String> arguments = new java.util.ArrayList<>();
        Path dataDir = home.resolve(".streamsight");
        int kafkaPort = 9092;
        int brokers = 1;
        int generatorPort = 8081;
        int alertPort = 8082;
        int sparkUiPort = 4040;
        Integer fraudUiPort = null;
        String pipelines = ALL_PIPELINES;
        double rate = 20;
        double fraudRatio = 0.05;
        boolean feed = true;
        for (int i = commandGiven ? 1 : 0; i < list.size(); i++) {
            String option = list.get(i);
            if (option.equals("--no-feed")) {
                feed = false;
                continue;
            }
            if (!option.startsWith("--")) {
                arguments.add(option);
                continue;
            }
            if (i + 1 >= list.size()) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = list.get(++i);
            switch (option) {
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath();
                case "--kafka-port" -> kafkaPort = port(option, value);
                case "--brokers" -> brokers = brokers(value);
                case "--generator-port" -> generatorPort = port(option, value);
                case "--alert-port" -> alertPort = port(option, value);
                case "--spark-ui-port" -> sparkUiPort = port(option, value);
                case "--fraud-ui-port" -> fraudUiPort = port(option, value);
                case "--pipelines" -> pipelines = value;
                case "--rate" -> rate = positive(option, value);
                case "--fraud-ratio" -> fraudRatio = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (!List.of("up", "status", "logs", "topics", "clean", "help").contains(command)) {
            throw new IllegalArgumentException("unknown command " + command + "\n" + USAGE);
        }
        if (fraudRatio < 0 || fraudRatio > 1) {
            throw new IllegalArgumentException("--fraud-ratio must be within 0..1, was " + fraudRatio);
        }
        if (kafkaPort + brokers - 1 > 65535) {
            throw new IllegalArgumentException(
                    "--kafka-port " + kafkaPort + " leaves no room for " + brokers + " brokers");
        }
        return new StackOptions(
                command,
                home,
                dataDir,
                kafkaPort,
                brokers,
                generatorPort,
                alertPort,
                sparkUiPort,
                fraudUiPort == null ? sparkUiPort + 1 : fraudUiPort,
                pipelines,
                rate,
                fraudRatio,
                feed,
                List.copyOf(arguments));
    }

    /**
     * The pipelines that run in the real-time fraud JVM: {@code fraud} if it was asked for. Real-time
     * mode holds one task slot per input partition for the whole of each batch, so it gets a Spark
     * of its own instead of competing with micro-batch queries for slots (docs/architecture.md).
     */
    List<String> realTimePipelines() {
        return requestedPipelines().stream()
                .filter(REAL_TIME_PIPELINES::contains)
                .toList();
    }

    /** The other requested pipelines, which share one micro-batch Spark. */
    List<String> microBatchPipelines() {
        return requestedPipelines().stream()
                .filter(p -> !REAL_TIME_PIPELINES.contains(p))
                .toList();
    }

    private List<String> requestedPipelines() {
        return java.util.Arrays.stream(pipelines.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .distinct()
                .toList();
    }

    /** Every node's address: clients keep a way in while any one node is down. */
    String bootstrapServers() {
        return java.util.stream.IntStream.range(0, brokers)
                .mapToObj(i -> "127.0.0.1:" + (kafkaPort + i))
                .collect(java.util.stream.Collectors.joining(","));
    }

    Path logs() {
        return dataDir.resolve("logs");
    }

    private static int port(String option, String value) {
        int port = Integer.parseInt(value);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + " must be a port number, was " + value);
        }
        return port;
    }

    private static int brokers(String value) {
        int brokers;
        try {
            brokers = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            brokers = 0;
        }
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException(
                    "--brokers must be a whole number within 1.." + MAX_BROKERS + ", was " + value);
        }
        return brokers;
    }

    private static double positive(String option, String value) {
        double number = Double.parseDouble(value);
        if (!(number > 0)) {
            throw new IllegalArgumentException(option + " must be positive, was " + value);
        }
        return number;
    }
}
