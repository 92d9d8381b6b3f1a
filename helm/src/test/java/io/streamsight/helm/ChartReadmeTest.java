package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's README documents every value that values.yaml documents with a {@code # --}
 * comment (the helm-docs convention), and names no value that is gone.
 */
class ChartReadmeTest {

    private static final Pattern KEY = Pattern.compile("^(\\s*)(- )?([A-Za-z0-9_./-]+):.*$");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

    @Test
    void everyDocumentedValueHasItsRowAndEveryRowAValue() throws IOException {
        Set<String> documented = documentedValues(Files.readAllLines(StreamSightChart.CHART.resolve("values.yaml")));
        Set<String> rows = new LinkedHashSet<>();
        for (String line : Files.readAllLines(StreamSightChart.CHART.resolve("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                rows.add(row.group(1));
            }
        }
        assertThat(documented).as("values documented in values.yaml").hasSizeGreaterThan(30);
        assertThat(rows).as("README rows").containsExactlyInAnyOrderElementsOf(documented);
    }

    /** Paths (a.b.c, lists as a[].b) of the keys that follow a {@code # --} comment. */
    static Set<String> documentedValues(List<String> lines) {
        Set<String> paths = new LinkedHashSet<>();
        Deque<String[]> stack = new ArrayDeque<>(); // {key, indent}
        boolean described = false;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("# --")) {
                described = true;
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (trimmed.startsWith("#") || !key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            if (key.group(2) != null) {
                while (!stack.isEmpty() && Integer.parseInt(stack.peek()[1]) >= indent) {
                    stack.pop();
                }
                stack.push(new String[] {"[]", Integer.toString(indent)});
                indent += 2;
            }
            while (!stack.isEmpty()
                    && (Integer.parseInt(stack.peek()[1]) > indent
                            || Integer.parseInt(stack.peek()[1]) == indent && !stack.peek()[0].equals("[]"))) {
                stack.pop();
            }
            stack.push(new String[] {key.group(3), Integer.toString(indent)});
            if (described) {
                StringBuilder path = new StringBuilder();
                stack.descendingIterator()
                        .forEachRemaining(
                                k -> path.append(k[0].equals("[]") ? "[]" : (path.isEmpty() ? "" : ".") + k[0]));
                paths.add(path.toString());
                described = false;
            }
        }
        return paths;
    }
}
