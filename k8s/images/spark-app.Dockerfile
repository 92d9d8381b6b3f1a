# Image of spark-app: Apache Spark 4.2.0 / Scala 2.13 / Java 17 with the StreamSight jar at the path
# the chart's SparkApplications run (local:///opt/spark/jars/spark-app.jar) and the Kafka connector,
# which the Spark distribution does not ship. Runs as the image's spark user (185).
#
# Build from the repository root:
#   ./mvnw -q -pl spark-app -am package -DskipTests
#   ./mvnw -q -pl spark-app dependency:copy-dependencies -DincludeScope=runtime \
#     -DincludeArtifactIds=events,spark-sql-kafka-0-10_2.13,spark-token-provider-kafka-0-10_2.13,kafka-clients,commons-pool2 \
#     -DoutputDirectory=target/image-jars
#   cp spark-app/target/spark-app-*.jar spark-app/target/image-jars/spark-app.jar
#   docker build -f k8s/images/spark-app.Dockerfile -t ghcr.io/streamsight/spark-app:0.1.0 spark-app
FROM docker.io/apache/spark:4.2.0-scala2.13-java17-ubuntu

COPY --chown=185:185 target/image-jars/*.jar /opt/spark/jars/

USER 185
