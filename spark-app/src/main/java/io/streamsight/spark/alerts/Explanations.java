package io.streamsight.spark.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/** FraudAlert's {@code explanations} column: rule id -> the values that made the rule fire. */
public final class Explanations {

    public static final DataType TYPE = DataTypes.createMapType(
            DataTypes.StringType, DataTypes.createArrayType(DataTypes.StringType, false), false);

    private static final scala.collection.Map<String, String[]> NONE = CollectionConverters.asScala(Map.of());

    private Explanations() {}

    /**
     * The value of a {@link #TYPE} field in a row a UDF or a stateful processor returns, order
     * kept: a Scala map, the one form both a UDF's result converter and a row encoder take.
     */
    public static scala.collection.Map<String, String[]> value(Map<String, List<String>> explanations) {
        if (explanations.isEmpty()) {
            return NONE;
        }
        Map<String, String[]> value = new LinkedHashMap<>();
        explanations.forEach((rule, why) -> value.put(rule, why.toArray(String[]::new)));
        return CollectionConverters.asScala(value);
    }
}
