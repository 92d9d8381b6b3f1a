# Image of a StreamSight Quarkus service (generator-service, alert-service): the fast-jar layout of
# `quarkus-maven-plugin package` on the project's Debian base (k8s/images/build.sh makes it), run as
# user 185. The files belong to root, so the service cannot change its own code even where the root
# filesystem is writable; the chart also makes it read-only and mounts a writable /tmp.
#
# k8s/images/build.sh builds it with buildah; by hand, from the repository root:
#   ./mvnw -q -pl generator-service -am package -DskipTests
#   buildah bud --build-arg BASE_IMAGE=localhost/streamsight/base:bookworm-jre17 \
#     -f k8s/images/quarkus-service.Dockerfile -t ghcr.io/streamsight/generator-service:0.1.0 generator-service
ARG BASE_IMAGE=localhost/streamsight/base:bookworm-jre17
FROM ${BASE_IMAGE}

# The container's memory limit sizes the heap; JAVA_OPTS adds to these (the chart's env can set it).
# A common pool of at least two: below that, CompletableFuture (and so every JDK HTTP client
# response, each webhook delivery) starts a thread per task (docs/reliability.md).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Djava.util.concurrent.ForkJoinPool.common.parallelism=2" \
    JAVA_OPTS=""

COPY target/quarkus-app/lib/ /deployments/lib/
COPY target/quarkus-app/*.jar /deployments/
COPY target/quarkus-app/app/ /deployments/app/
COPY target/quarkus-app/quarkus/ /deployments/quarkus/

EXPOSE 8080
USER 185:185
WORKDIR /tmp
# tini reaps children and forwards SIGTERM, so Kubernetes' stop is a graceful Quarkus shutdown.
ENTRYPOINT ["/usr/bin/tini", "--", "/bin/sh", "-c", "exec java $JAVA_OPTS -Dquarkus.http.host=0.0.0.0 -jar /deployments/quarkus-run.jar"]
