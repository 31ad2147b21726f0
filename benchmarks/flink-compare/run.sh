#!/usr/bin/env bash
# Runs one workload of FlinkCompare on Flink's local MiniCluster with the JVM settings bin/eddy-bench
# uses (heap maximum EDDY_BENCH_HEAP, default 4g, committed as needed; the same --add-opens; extra
# options in EDDY_BENCH_JVM_OPTS):  benchmarks/flink-compare/run.sh keyed-sum [N]
# Build first: mvn -B -q -f benchmarks/flink-compare/pom.xml package
set -euo pipefail
dir="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
if [[ ! -f "$dir/target/classpath.txt" ]]; then
  echo "flink-compare: not built: run 'mvn -B -q -f $dir/pom.xml package' first" >&2
  exit 1
fi
# shellcheck disable=SC2086
exec java -Xmx"${EDDY_BENCH_HEAP:-4g}" ${EDDY_BENCH_JVM_OPTS:-} \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/sun.security.util=ALL-UNNAMED \
  -cp "$dir/target/classes:$(cat "$dir/target/classpath.txt")" io.eddy.flinkcompare.FlinkCompare "$@"
