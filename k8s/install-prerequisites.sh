#!/usr/bin/env bash
# Installs what the StreamSight chart needs in a cluster, at pinned versions (versions.env):
# the Strimzi operator, the Kubeflow Spark operator and, unless --no-monitoring, kube-prometheus-stack.
# Idempotent (helm upgrade --install). Needs helm 3.8+ and kubectl pointing at the cluster.
#
#   k8s/install-prerequisites.sh [--namespace streamsight] [--no-monitoring]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"

app_namespace=streamsight
monitoring=true
while [ $# -gt 0 ]; do
  case "$1" in
    --namespace) app_namespace=$2; shift 2 ;;
    --no-monitoring) monitoring=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

kubectl create namespace "$app_namespace" --dry-run=client -o yaml | kubectl apply -f -

echo "Strimzi $STRIMZI_VERSION (watching namespace $app_namespace)"
helm upgrade --install strimzi-cluster-operator oci://quay.io/strimzi-helm/strimzi-kafka-operator \
  --version "$STRIMZI_VERSION" --namespace strimzi --create-namespace \
  -f "$here/operators/strimzi-values.yaml" \
  --set "watchNamespaces={$app_namespace}" --wait

echo "Kubeflow Spark operator $SPARK_OPERATOR_VERSION (jobs in namespace $app_namespace)"
helm repo add spark-operator https://kubeflow.github.io/spark-operator --force-update >/dev/null
helm upgrade --install spark-operator spark-operator/spark-operator \
  --version "$SPARK_OPERATOR_VERSION" --namespace spark-operator --create-namespace \
  -f "$here/operators/spark-operator-values.yaml" \
  --set "spark.jobNamespaces={$app_namespace}" --wait

if [ "$monitoring" = true ]; then
  echo "kube-prometheus-stack $KUBE_PROMETHEUS_STACK_VERSION"
  helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update >/dev/null
  helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
    --version "$KUBE_PROMETHEUS_STACK_VERSION" --namespace monitoring --create-namespace \
    -f "$here/operators/kube-prometheus-stack-values.yaml" --wait
fi

cat <<MSG
Prerequisites installed. Next:
  helm upgrade --install streamsight helm/streamsight -n $app_namespace -f k8s/values-dev.yaml
MSG
