package io.streamsight.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test JVM, started on first use and stopped when the JVM
 * exits, so test classes do not pay Spark's start-up each. Four task slots: a real-time query
 * holds one slot per Kafka partition for its whole batch, and {@code transactions} has three.
 */
public final class SparkTestSession {

    private static SparkSession spark;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[4]")
                    .appName("streamsight-test")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.streaming.realTimeMode.minBatchDuration", "1000")
                    .config(StreamSightApp.STATE_STORE_PROVIDER, StreamSightApp.ROCKSDB_STATE_STORE)
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop, "spark-test-session-stop"));
        }
        return spark;
    }
}
