package io.streamsight.spark.kafka;

import io.streamsight.events.Topic;
import io.streamsight.spark.pipeline.Pipeline;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A pipeline of two micro-batch queries over one parsed input topic: {@code <name>.<output>}
 * writes the pipeline's output, {@code <name>.dead_letters} writes the records the parser
 * rejects to {@code <input>_dlq}. Two queries, because the output is an aggregation, a join or
 * a file sink, which cannot share one sink with a stateless projection of dead letters.
 */
public abstract class DeadLetteringPipeline implements Pipeline {

    private final String name;
    private final String outputQuery;
    private final Topic input;
    private final UnaryOperator<Dataset<Row>> parser;

    /** {@code parser}: raw Kafka rows of {@code input} to {@link io.streamsight.spark.input.ParsedRecords} rows. */
    protected DeadLetteringPipeline(String name, String outputPart, Topic input, UnaryOperator<Dataset<Row>> parser) {
        this.name = name;
        this.outputQuery = name + "." + outputPart;
        this.input = input;
        this.parser = parser;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> queryNames() {
        return List.of(outputQuery, deadLettersQuery());
    }

    public final String deadLettersQuery() {
        return name + ".dead_letters";
    }

    @Override
    public final List<StreamingQuery> start(SparkSession spark, StreamSightSettings settings) throws TimeoutException {
        StreamingQuery output = startOutput(spark, settings, outputQuery);
        try {
            return List.of(output, DeadLetters.start(parsed(spark, settings), input, settings, deadLettersQuery()));
        } catch (TimeoutException | RuntimeException e) {
            try {
                output.stop();
            } catch (TimeoutException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    /** A new streaming read of the input topic, parsed: valid and rejected rows. */
    protected final Dataset<Row> parsed(SparkSession spark, StreamSightSettings settings) {
        return parser.apply(KafkaStreams.read(spark, settings, input, false));
    }

    /** Starts the query named {@code queryName} that writes the pipeline's output. */
    protected abstract StreamingQuery startOutput(SparkSession spark, StreamSightSettings settings, String queryName)
            throws TimeoutException;
}
