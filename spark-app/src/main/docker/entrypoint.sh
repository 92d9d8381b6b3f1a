#!/bin/bash
# Entrypoint of the spark-app image, for the two roles Spark on Kubernetes starts it in: the driver
# pod (`driver --properties-file ... --class ... local:///opt/spark/jars/spark-app.jar ...`, written by
# spark-submit in the operator) and executor pods (`executor`, with the SPARK_* variables the driver
# sets on each executor pod). Anything else is run as given, so the image also serves
# `spark-submit`-less local runs: `java -cp '/opt/spark/jars/*' ...`.
set -euo pipefail

spark_home=${SPARK_HOME:-/opt/spark}
classpath="${SPARK_CONF_DIR:-$spark_home/conf}:$spark_home/jars/*"
# The module openings Spark needs on Java 17, the same file ./streamsight passes to spark-app. Not
# under /opt/spark/conf: Spark on Kubernetes mounts its configuration ConfigMap over that directory.
module_options="@/opt/streamsight/jvm.options"

property() {
  local file=$1 key=$2
  sed -n "s/^${key//./\\.}[=: ]\\s*//p" "$file" 2>/dev/null | tail -1
}

case "${1:-}" in
  driver)
    shift
    properties=""
    args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do
      if [ "${args[$i]}" = "--properties-file" ]; then properties=${args[$((i + 1))]:-}; fi
    done
    memory=$(property "$properties" spark.driver.memory)
    read -r -a extra <<< "$(property "$properties" spark.driver.extraJavaOptions)"
    exec /usr/bin/tini -s -- java "$module_options" "-Xmx${memory:-1g}" "${extra[@]}" -cp "$classpath" \
      org.apache.spark.deploy.SparkSubmit \
      --conf "spark.driver.bindAddress=${SPARK_DRIVER_BIND_ADDRESS:?the driver pod sets SPARK_DRIVER_BIND_ADDRESS}" \
      --deploy-mode client "$@"
    ;;
  executor)
    shift
    # Spark passes the executor's JVM options as SPARK_JAVA_OPT_0, _1, ... in order.
    mapfile -t options < <(env | sed -n 's/^SPARK_JAVA_OPT_\([0-9]*\)=/\1 /p' | sort -n | cut -d' ' -f2-)
    exec /usr/bin/tini -s -- java "$module_options" "${options[@]}" \
      "-Xms${SPARK_EXECUTOR_MEMORY:?}" "-Xmx${SPARK_EXECUTOR_MEMORY}" -cp "$classpath" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "${SPARK_DRIVER_URL:?}" --executor-id "${SPARK_EXECUTOR_ID:?}" \
      --cores "${SPARK_EXECUTOR_CORES:?}" --app-id "${SPARK_APPLICATION_ID:?}" \
      --hostname "${SPARK_EXECUTOR_POD_IP:?}" --resourceProfileId "${SPARK_RESOURCE_PROFILE_ID:-0}" \
      --podName "${SPARK_EXECUTOR_POD_NAME:?}"
    ;;
  "")
    echo "spark-app image: give a role (driver or executor, as Spark on Kubernetes does) or a command" >&2
    exit 22
    ;;
  *)
    exec /usr/bin/tini -s -- "$@"
    ;;
esac
