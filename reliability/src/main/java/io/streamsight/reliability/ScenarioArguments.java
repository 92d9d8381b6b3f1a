package io.streamsight.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A scenario's {@code --name value} arguments, as the reliability pom's exec:exec passes them. */
final class ScenarioArguments {

    private ScenarioArguments() {}

    static Map<String, String> parse(String[] argv) {
        if (argv.length % 2 != 0) {
            throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", argv));
        }
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        return args;
    }

    /**
     * The {@code ./streamsight up} options of a scenario: no live feed printed, and the Spark
     * pipelines {@code --pipelines} names ({@code all}, the default, runs every one).
     */
    static List<String> stackOptions(Map<String, String> args) {
        List<String> options = new ArrayList<>(List.of("--no-feed"));
        String pipelines = args.getOrDefault("pipelines", "all");
        if (!pipelines.equals("all")) {
            options.addAll(List.of("--pipelines", pipelines));
        }
        return options;
    }
}
