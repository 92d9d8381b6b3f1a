# Image of spark-app: Apache Spark 4.2.0 / Scala 2.13 / Java 17 with the StreamSight jar at the path
# the chart's SparkApplications run (local:///opt/spark/jars/spark-app.jar). That jar is the shaded
# "-app" artifact: our classes, the events contract and the Kafka connector, which the Spark
# distribution does not ship. Runs as the image's spark user (185).
#
# Build from the repository root:
#   ./mvnw -q -pl spark-app -am package -DskipTests
#   docker build -f k8s/images/spark-app.Dockerfile -t ghcr.io/streamsight/spark-app:0.1.0 spark-app
FROM docker.io/apache/spark:4.2.0-scala2.13-java17-ubuntu

COPY --chown=185:185 target/spark-app-*-app.jar /opt/spark/jars/spark-app.jar

USER 185
