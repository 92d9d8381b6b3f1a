# Image of spark-app: Apache Spark 4.2.0 / Scala 2.13 on the project's Debian base with Java 17,
# laid out as Spark on Kubernetes expects (/opt/spark/jars, /opt/spark/conf, an entrypoint taking
# `driver` and `executor`), and the StreamSight jar at the path the chart's SparkApplications run
# (local:///opt/spark/jars/spark-app.jar). Spark's jars are the Maven Central artifacts (the
# spark-distribution profile of spark-app copies them); spark-app.jar is the shaded "-app" artifact:
# our classes, the events contract and the Kafka connector. Runs as user 185.
#
# k8s/images/build.sh builds it with buildah (after `./mvnw -pl spark-app -Pspark-distribution
# dependency:copy-dependencies@spark-distribution`); the context is spark-app/.
ARG BASE_IMAGE=localhost/streamsight/base:bookworm-jre17
FROM ${BASE_IMAGE}

ENV SPARK_HOME=/opt/spark \
    SPARK_CONF_DIR=/opt/spark/conf

COPY target/spark-jars/ /opt/spark/jars/
COPY target/spark-app-*-app.jar /opt/spark/jars/spark-app.jar
COPY target/launch/jvm.options /opt/streamsight/jvm.options
COPY src/main/docker/entrypoint.sh /opt/entrypoint.sh

USER 185:185
WORKDIR /tmp
ENTRYPOINT ["/opt/entrypoint.sh"]
