# Image of a StreamSight Quarkus service (generator-service, alert-service): the fast-jar layout of
# `quarkus-maven-plugin package`, on a JRE-only base, as user 185 (non-root; the chart's
# securityContext runs it with a read-only root filesystem and a writable /tmp).
#
# Build from the repository root, for example for generator-service:
#   ./mvnw -q -pl generator-service -am package -DskipTests
#   docker build -f k8s/images/quarkus-service.Dockerfile -t ghcr.io/streamsight/generator-service:0.1.0 generator-service
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21

ENV LANGUAGE='en_US:en' \
    JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    JAVA_APP_JAR="/deployments/quarkus-run.jar"

COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 target/quarkus-app/*.jar /deployments/
COPY --chown=185 target/quarkus-app/app/ /deployments/app/
COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/

EXPOSE 8080
USER 185
ENTRYPOINT ["/opt/jboss/container/java/run/run-java.sh"]
