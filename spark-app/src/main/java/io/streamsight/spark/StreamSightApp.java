package io.streamsight.spark;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The spark-app entry point: one jar, one {@link SparkSession}, the pipelines to run chosen by
 * {@code --pipelines a,b}. Master and resources come from {@code spark-submit} or the Spark
 * operator; {@code --master local[*]} runs everything on one machine.
 */
public final class StreamSightApp {

    private StreamSightApp() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> pipelines = pipelines(args);
        SparkSession spark = SparkSession.builder().appName("streamsight").getOrCreate();
        System.out.println("StreamSight spark-app started (Spark " + spark.version() + "), pipelines " + pipelines);
        spark.streams().awaitAnyTermination();
    }

    static Set<String> pipelines(String[] args) {
        List<String> list = Arrays.asList(args);
        int i = list.indexOf("--pipelines");
        if (i < 0 || i + 1 >= list.size() || list.get(i + 1).isBlank()) {
            throw new IllegalArgumentException("--pipelines is required, for example --pipelines fraud,analytics");
        }
        return new LinkedHashSet<>(Arrays.asList(list.get(i + 1).split(",")));
    }
}
