package io.streamsight.spark.fraud;

import java.util.UUID;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryManager;

/** Runs an action once, when the query with the given id terminates, however it terminates. */
final class ReleaseOnTermination extends StreamingQueryListener {

    private final StreamingQueryManager queries;
    private final UUID queryId;
    private final Runnable action;
    private boolean done;

    private ReleaseOnTermination(StreamingQueryManager queries, UUID queryId, Runnable action) {
        this.queries = queries;
        this.queryId = queryId;
        this.action = action;
    }

    static void register(StreamingQueryManager queries, UUID queryId, Runnable action) {
        queries.addListener(new ReleaseOnTermination(queries, queryId, action));
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {}

    @Override
    public synchronized void onQueryTerminated(QueryTerminatedEvent event) {
        if (!done && event.id().equals(queryId)) {
            done = true;
            action.run();
            queries.removeListener(this);
        }
    }
}
