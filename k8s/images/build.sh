#!/usr/bin/env bash
# Builds StreamSight's three images without a Docker engine, from the project's own files:
#   1. a base from Debian packages (mmdebstrap: bookworm, OpenJDK 17 JRE, user 185),
#   2. generator-service and alert-service (Quarkus fast-jar) and spark-app (Spark 4.2.0's jars
#      from Maven Central under /opt/spark/jars, the app jar where the chart's
#      mainApplicationFile points) on it, with buildah from the Dockerfiles beside this script,
#   3. each written as an OCI archive to target/images/<name>.tar (load or push with skopeo);
#   and, for k8s/verify only, localhost/streamsight/helm-test:curl (the base with curl from Debian),
#   which runs the chart's helm test pod in place of its curl image, not pullable here.
#
# Usage: k8s/images/build.sh [--skip-maven] [--tag TAG]
#   --skip-maven  use the jars already under */target (./mvnw -DskipTests package ran)
#   --tag TAG     image tag (default: the project version)
# Needs root or rootless buildah with mmdebstrap, buildah and skopeo (Debian packages of those names).
# Every file time in the images is the last commit's time (SOURCE_DATE_EPOCH), so a rebuild from
# the same commit and the same Debian package versions gives the same layers.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/target/images"
registry=${IMAGE_REGISTRY:-ghcr.io/streamsight}
skip_maven=false
tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-maven) skip_maven=true ;;
    --tag) tag="$2"; shift ;;
    *) echo "build.sh: unknown argument '$1' (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

for tool in mmdebstrap buildah skopeo; do
  command -v "$tool" > /dev/null || { echo "build.sh: '$tool' is not installed (apt-get install $tool)" >&2; exit 1; }
done

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
tag=${tag:-${version%-SNAPSHOT}}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
mkdir -p "$out"

step() { echo "[$(date -u +%H:%M:%S)] $*"; }

if ! $skip_maven; then
  step "packaging the services and spark-app with Maven"
  ./mvnw -B -ntp -q -DskipTests -pl generator-service,alert-service,spark-app -am package
fi
step "laying out Spark's jars from Maven Central"
rm -rf spark-app/target/spark-jars
./mvnw -B -ntp -q -pl spark-app -Pspark-distribution dependency:copy-dependencies@spark-distribution

base="localhost/streamsight/base:bookworm-jre17"
base_tar="$out/base-rootfs.tar"
if [ ! -s "$base_tar" ] || [ "$base_tar" -ot "$0" ]; then
  step "building the base root filesystem from Debian packages (several minutes)"
  mmdebstrap --variant=apt --format=tar --quiet \
    --include=openjdk-17-jre-headless,ca-certificates,tini \
    --customize-hook='chroot "$1" groupadd --gid 185 streamsight' \
    --customize-hook='chroot "$1" useradd --uid 185 --gid 185 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin streamsight' \
    --customize-hook='chroot "$1" dpkg-query -W -f "\${Package} \${Version}\n" > "$1/etc/streamsight-packages"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    bookworm "$base_tar.partial" "deb http://deb.debian.org/debian bookworm main" \
    "deb http://deb.debian.org/debian-security bookworm-security main"
  mv "$base_tar.partial" "$base_tar"
fi
step "importing the base as $base"
container=$(buildah from scratch)
buildah add --quiet "$container" "$base_tar" /
buildah config --user 185:185 --env LANG=C.UTF-8 --entrypoint '[]' --cmd '[]' \
  --label org.opencontainers.image.source=https://github.com/streamsight/streamsight "$container"
buildah commit --quiet --timestamp "$SOURCE_DATE_EPOCH" --rm "$container" "$base" > /dev/null

build() {
  local name=$1 dockerfile=$2 context=$3
  local image="$registry/$name:$tag"
  step "building $image"
  buildah bud --quiet --timestamp "$SOURCE_DATE_EPOCH" --build-arg "BASE_IMAGE=$base" \
    -f "$dockerfile" -t "$image" "$context" > /dev/null
  rm -f "$out/$name.tar"
  skopeo copy --quiet "containers-storage:$image" "oci-archive:$out/$name.tar:$image"
  step "wrote $out/$name.tar ($(du -h "$out/$name.tar" | cut -f1))"
}

helm_test="localhost/streamsight/helm-test:curl"
step "building $helm_test (sh and curl from Debian, for the chart's helm test pod under podman)"
container=$(buildah from --pull=never "$base")
# runc: crun, buildah's default, refuses this host's hybrid cgroup setup.
buildah run --runtime runc --user root --network host --env DEBIAN_FRONTEND=noninteractive "$container" -- sh -c \
  'apt-get update -qq && apt-get install -qq -y --no-install-recommends curl > /dev/null && rm -rf /var/lib/apt/lists/*'
buildah commit --quiet --timestamp "$SOURCE_DATE_EPOCH" --rm "$container" "$helm_test" > /dev/null

build generator-service k8s/images/quarkus-service.Dockerfile generator-service
build alert-service k8s/images/quarkus-service.Dockerfile alert-service
build spark-app k8s/images/spark-app.Dockerfile spark-app
step "done: push with skopeo copy oci-archive:$out/<name>.tar docker://<registry>/<name>:$tag"
