#!/usr/bin/env bash
# ./run.sh bench [options]: the benchmark (BENCHMARKS.md). Builds what is missing or stale, then
# runs io.lrasaga.bench.BenchMain from src-test/bench/harness; ./run.sh bench --help lists the options.
set -euo pipefail
cd "$(dirname "$0")/../.."

harness=src-test/bench/harness/target/lra-saga-bench-0.1.0-SNAPSHOT.jar
modules=(lra-coordinator services/orders services/inventory services/payments services/activity
  src-test/bench/stock-coordinator src-test/bench/stock-orders src-test/bench/stock-inventory
  src-test/bench/stock-payments src-test/bench/stock-activity)

stale() {
  local artifact="$1"; shift
  [ -f "$artifact" ] || return 0
  [ -n "$(find "$@" \( -path '*/src/main/*' -o -name pom.xml \) -newer "$artifact" -type f -print -quit)" ]
}

needs_build() {
  stale "$harness" src-test/bench/harness src-test/launcher common && return 0
  local module
  for module in "${modules[@]}"; do
    stale "$module/target/quarkus-app/quarkus-run.jar" "$module" common src-test/bench/stock-common && return 0
  done
  return 1
}

if needs_build; then
  echo "building the benchmark and the apps it runs (./mvnw -B package -DskipTests -Dquarkus.build.skip=false) ..."
  # The client-pool extension's deployment module is needed by the apps' Quarkus build but is
  # no Maven dependency of theirs, so -am alone leaves it out on a machine without it installed.
  list=src-test/bench/harness,common/client-pool-deployment
  for module in "${modules[@]}"; do list="$list,$module"; done
  ./mvnw -B -q package -DskipTests -Dquarkus.build.skip=false -pl "$list" -am
fi

# exec: Ctrl-C reaches the benchmark, whose shutdown hooks stop every process it started.
exec java -Xmx512m "-Dlra-saga.root=$PWD" -cp "$harness:src-test/bench/harness/target/lib/*" \
  io.lrasaga.bench.BenchMain "$@"
