package io.streamsight.reliability;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The ETL's Parquet output as a Spark reader sees it: only the files the sink's log committed, so
 * the files of a batch cut short by a kill, still on disk, do not count.
 */
final class EtlOutput {

    private EtlOutput() {}

    /** Event id -> rows holding it, for the events whose id starts with {@code idPrefix}. */
    static Map<String, Long> timesWritten(Path etl, String idPrefix) {
        SparkSession spark = SparkSession.builder()
                .appName("reliability-etl-reader")
                .master("local[1]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        try {
            return spark
                    .read()
                    .parquet(etl.toUri().toString())
                    .filter(col("event_id").startsWith(idPrefix))
                    .groupBy("event_id")
                    .count()
                    .collectAsList()
                    .stream()
                    .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        } finally {
            spark.stop();
        }
    }
}
