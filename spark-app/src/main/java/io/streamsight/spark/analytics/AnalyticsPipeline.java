package io.streamsight.spark.analytics;

import io.streamsight.events.Topic;
import io.streamsight.spark.input.TransactionParser;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.pipeline.Pipeline;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The three windowed aggregations, one micro-batch query each: every one has its own
 * watermark, and one query with several would advance all of them by the slowest. Output mode
 * update: a window's record is re-emitted as it changes, so the last record per key and window
 * is the current value. Malformed records are skipped here; the fraud query dead-letters them.
 */
public final class AnalyticsPipeline implements Pipeline {

    public static final String NAME = "analytics";

    private record Output(String part, Topic topic, String key, UnaryOperator<Dataset<Row>> aggregation) {
        String queryName() {
            return NAME + "." + part;
        }
    }

    private static final List<Output> OUTPUTS = List.of(
            new Output("location", Topic.TRANSACTION_ANALYTICS, "location", TransactionAnalytics::perLocation),
            new Output("category", Topic.CATEGORY_ANALYTICS, "category", TransactionAnalytics::perCategoryAndLocation),
            new Output("user_spend", Topic.USER_SPEND, "user_id", TransactionAnalytics::userSpend));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> queryNames() {
        return OUTPUTS.stream().map(Output::queryName).toList();
    }

    @Override
    public List<StreamingQuery> start(SparkSession spark, StreamSightSettings settings) throws TimeoutException {
        List<StreamingQuery> queries = new ArrayList<>();
        for (Output output : OUTPUTS) {
            Dataset<Row> transactions = TransactionParser.parse(
                            KafkaStreams.read(spark, settings, Topic.TRANSACTIONS, false))
                    .filter(TransactionParser.valid());
            queries.add(KafkaStreams.startMicroBatch(
                    output.aggregation().apply(transactions),
                    output.key(),
                    output.topic(),
                    OutputMode.Update(),
                    settings,
                    output.queryName()));
        }
        return queries;
    }
}
