package io.streamsight.spark.alerts;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import io.streamsight.events.AlertIds;
import org.apache.spark.sql.Column;

/** The SQL form of {@link AlertIds#of}: the same source event always gives the same alert id. */
public final class AlertIdColumn {

    private AlertIdColumn() {}

    public static Column of(String kind, Column sourceId) {
        return concat(lit(kind + "-"), substring(sha2(concat(lit(kind + ":"), sourceId), 256), 1, 32));
    }
}
