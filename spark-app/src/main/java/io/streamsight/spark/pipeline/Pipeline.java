package io.streamsight.spark.pipeline;

import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A named group of streaming queries chosen with {@code --pipelines}. Query names are
 * {@code <pipeline>} or {@code <pipeline>.<part>}, and each query checkpoints under
 * {@code <checkpointBase>/<query name>}.
 */
public interface Pipeline {

    String name();

    /**
     * The names of the queries {@link #start} starts, known before they run; by default the one
     * query named like the pipeline.
     */
    default List<String> queryNames() {
        return List.of(name());
    }

    List<StreamingQuery> start(SparkSession spark, StreamSightSettings settings) throws TimeoutException;

    /** The pipeline a query belongs to, by the naming convention above. */
    static String ofQuery(String queryName) {
        int dot = queryName.indexOf('.');
        return dot < 0 ? queryName : queryName.substring(0, dot);
    }
}
