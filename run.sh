#!/usr/bin/env bash
# Runs the whole lra-saga system locally: embedded PostgreSQL, a MongoDB wire server, the LRA
# coordinator and the four services, each a separate process. See README.md.
#
#   ./run.sh         start everything, run the demo, print the URLs, stay up until Ctrl-C
#   ./run.sh demo    the same, then stop; exit 0 only if both demo orders ended as expected
#   ./run.sh bench   the benchmark: floor, stock and lra-saga compared (BENCHMARKS.md; bench --help)
#   ./run.sh chaos [--seed N | --seeds a,b] [--duration 5m] [--rate 5] [--clients 16] [--settle 3m]
#                    orders under seeded kill -9 faults, then exact checks (docs/reliability.md);
#                    its own system on free ports, data in ./.lra-saga-chaos/; exit 1 on a broken invariant
#
# Environment: LRA_SAGA_DATA_DIR (default ./.lra-saga), LRA_SAGA_BASE_PORT (8080; services
# on +1..+4), LRA_SAGA_POSTGRES_PORT (15432), LRA_SAGA_MONGO_PORT (27018),
# LRA_SAGA_DURABLE (false: PostgreSQL fsync off), LRA_SAGA_MAX_HEAP (256m per JVM),
# LRA_SAGA_COORDINATOR_STORE (file: files in its data directory; journal: Narayana's journal there; jdbc: a PostgreSQL table),
# LRA_SAGA_JVM_OPTIONS (every app JVM's options besides -Xmx; default: fast start, C1 only).
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-run}"
case "$mode" in
  run|demo|chaos) ;;
  bench) shift; exec src-test/bench/run-bench.sh "$@" ;;
  -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: ./run.sh [run|demo|bench|chaos]" >&2; exit 2 ;;
esac

launcher=src-test/launcher/target/lra-saga-launcher-0.1.0-SNAPSHOT.jar
chaos=src-test/chaos/target/lra-saga-chaos-0.1.0-SNAPSHOT.jar
apps=(lra-coordinator services/orders services/inventory services/payments services/activity)

# Build when an application or the launcher is missing, or older than any source or pom.
needs_build() {
  local artifacts=("$launcher")
  [ "$mode" = chaos ] && artifacts+=("$chaos")
  for app in "${apps[@]}"; do artifacts+=("$app/target/quarkus-app/quarkus-run.jar"); done
  local artifact
  for artifact in "${artifacts[@]}"; do
    [ -f "$artifact" ] || return 0
    if [ -n "$(find . \( -path ./.lra-saga -o -path ./.lra-saga-chaos \) -prune -o \( -path '*/src/main/*' -o -name pom.xml \) \
               -newer "$artifact" -type f -print -quit)" ]; then
      return 0
    fi
  done
  return 1
}

if needs_build; then
  echo "building lra-saga (./mvnw -B package -DskipTests) ..."
  ./mvnw -B -q package -DskipTests
fi

opts=(-Xmx256m "-Dlra-saga.root=$PWD")
[ -n "${LRA_SAGA_DATA_DIR:-}" ] && opts+=("-Dlra-saga.data-dir=$LRA_SAGA_DATA_DIR")
[ -n "${LRA_SAGA_BASE_PORT:-}" ] && opts+=("-Dlra-saga.base-port=$LRA_SAGA_BASE_PORT")
[ -n "${LRA_SAGA_POSTGRES_PORT:-}" ] && opts+=("-Dlra-saga.postgres-port=$LRA_SAGA_POSTGRES_PORT")
[ -n "${LRA_SAGA_MONGO_PORT:-}" ] && opts+=("-Dlra-saga.mongo-port=$LRA_SAGA_MONGO_PORT")
[ -n "${LRA_SAGA_DURABLE:-}" ] && opts+=("-Dlra-saga.durable=$LRA_SAGA_DURABLE")
[ -n "${LRA_SAGA_MAX_HEAP:-}" ] && opts+=("-Dlra-saga.max-heap=$LRA_SAGA_MAX_HEAP")
[ -n "${LRA_SAGA_COORDINATOR_STORE:-}" ] && opts+=("-Dlra-saga.coordinator-store=$LRA_SAGA_COORDINATOR_STORE")
[ -n "${LRA_SAGA_JVM_OPTIONS:-}" ] && opts+=("-Dlra-saga.jvm-options=$LRA_SAGA_JVM_OPTIONS")

if [ "$mode" = chaos ]; then
  shift
  exec java -Xmx512m "-Dlra-saga.root=$PWD" -cp "$chaos:src-test/chaos/target/lib/*" io.lrasaga.chaos.ChaosMain "$@"
fi

# exec: Ctrl-C reaches the launcher, whose shutdown hook stops every process it started.
exec java "${opts[@]}" -cp "$launcher:src-test/launcher/target/lib/*" io.lrasaga.launcher.LauncherMain "$mode"
