package io.streamsight.spark.observability;

import io.streamsight.spark.pipeline.Pipeline;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One readable log line per query progress, and the processed offsets committed to the
 * pipeline's consumer group. Runs on Spark's listener bus thread; a failed commit is logged and
 * retried with the next progress, it never stops a query.
 */
public final class ProgressListener extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

    private final ConsumerGroupCommitter committer;
    private final LateRowsMetric lateRows;

    public ProgressListener(ConsumerGroupCommitter committer, LateRowsMetric lateRows) {
        this.committer = committer;
        this.lateRows = lateRows;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        LOG.info("{}: query {} started (run {})", event.name(), event.id(), event.runId());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        long dropped = Arrays.stream(progress.stateOperators())
                .mapToLong(StateOperatorProgress::numRowsDroppedByWatermark)
                .sum();
        lateRows.add(progress.name(), dropped);
        LOG.info(describe(progress, dropped));
        progress.observedMetrics()
                .forEach((name, row) ->
                        LOG.info("{}: batch {}, {}", progress.name(), progress.batchId(), observed(name, row)));
        for (SourceProgress source : progress.sources()) {
            if (source.endOffset() == null) {
                continue;
            }
            try {
                committer.processed(progress.name(), source.endOffset());
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warn(
                        "{}: cannot commit processed offsets to {}: {}",
                        progress.name(),
                        ConsumerGroupCommitter.groupOf(Pipeline.ofQuery(progress.name())),
                        e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        if (event.exception().isDefined()) {
            LOG.error("query {} failed: {}", event.id(), event.exception().get());
        } else {
            LOG.info("query {} stopped", event.id());
        }
    }

    /** An observed metric ({@code Dataset.observe}) as {@code name field=value, ...}. */
    static String observed(String name, Row row) {
        StringJoiner fields = new StringJoiner(", ", name + " ", "");
        String[] names = row.schema().fieldNames();
        for (int i = 0; i < names.length; i++) {
            fields.add(names[i] + "=" + row.get(i));
        }
        return fields.toString();
    }

    static String describe(StreamingQueryProgress progress, long lateRowsDropped) {
        Map<String, Long> durations = progress.durationMs();
        Long batchMs = durations.get("triggerExecution");
        String watermark = progress.eventTime().getOrDefault("watermark", "none");
        return String.format(
                "%s: batch %d, %d rows in, %.1f rows/s in, %.1f rows/s processed, batch took %s ms, "
                        + "watermark %s, %d late rows dropped",
                progress.name(),
                progress.batchId(),
                progress.numInputRows(),
                progress.inputRowsPerSecond(),
                progress.processedRowsPerSecond(),
                batchMs == null ? "?" : batchMs.toString(),
                watermark,
                lateRowsDropped);
    }
}
