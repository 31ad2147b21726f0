#!/usr/bin/env bash
# HDFS and YARN in one local background process, for trying Eddy on YARN without a Hadoop install:
#   bin/mini-hadoop.sh start [--nodemanagers N] [--dir DIR]   prints: export HADOOP_CONF_DIR=DIR/conf
#   bin/mini-hadoop.sh stop [--dir DIR]
# DIR defaults to mini-hadoop/ in the distribution; it holds the data, conf/, the log and the pid file.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/eddy-config.sh"

usage() {
  echo "Usage: $(basename "$0") start [--nodemanagers N] [--dir DIR] | stop [--dir DIR]" >&2
  exit 2
}
command="${1:-}"
[[ "$command" == start || "$command" == stop ]] || usage
shift
dir="$EDDY_HOME/mini-hadoop"
nodemanagers=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) [[ $# -ge 2 ]] || usage; dir="$2"; shift 2 ;;
    --nodemanagers) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || usage; nodemanagers="$2"; shift 2 ;;
    *) usage ;;
  esac
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
pid_file="$dir/mini-hadoop.pid"
out="$dir/mini-hadoop.out"

if [[ "$command" == stop ]]; then
  if [[ ! -f "$pid_file" ]] || ! kill -0 "$(cat "$pid_file")" 2> /dev/null; then
    echo "mini-hadoop: not running (no live process in $pid_file)" >&2
    rm -f "$pid_file"
    exit 1
  fi
  pid="$(cat "$pid_file")"
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 1
  done
  rm -f "$pid_file"
  echo "mini-hadoop stopped"
  exit 0
fi

if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2> /dev/null; then
  echo "mini-hadoop: already running (pid $(cat "$pid_file")); its settings: export HADOOP_CONF_DIR=$dir/conf" >&2
  exit 1
fi
opt_dir="$EDDY_HOME/opt/mini-hadoop"
[[ -d "$opt_dir" ]] || opt_dir="$EDDY_HOME/dist/target/eddy/opt/mini-hadoop"
if ! compgen -G "$opt_dir/*.jar" > /dev/null; then
  echo "mini-hadoop: no mini cluster jars in $opt_dir: build the distribution with 'mvn -q package -DskipTests'" >&2
  exit 1
fi
# MiniYARNCluster keeps its working files under target/ of the current directory
cd "$dir"
nohup "$JAVA" "${JVM_ADD_OPENS[@]}" --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  -Dlog4j2.configurationFile="$EDDY_CONF_DIR/log4j2.properties" -Deddy.log.file="$dir/mini-hadoop.log" \
  -cp "$EDDY_LIB_DIR/*:$opt_dir/*" io.eddy.yarn.minihadoop.MiniHadoop "$dir" "$nodemanagers" > "$out" 2>&1 < /dev/null &
echo $! > "$pid_file"
for _ in $(seq 1 180); do
  if grep -q '^export HADOOP_CONF_DIR=' "$out"; then
    grep -v '^export' "$out" | tail -n 1 >&2
    grep '^export HADOOP_CONF_DIR=' "$out"
    exit 0
  fi
  if ! kill -0 "$(cat "$pid_file")" 2> /dev/null; then
    echo "mini-hadoop: failed to start; the end of $out:" >&2
    tail -n 5 "$out" >&2
    rm -f "$pid_file"
    exit 1
  fi
  sleep 1
done
echo "mini-hadoop: not up after 180 s; see $out and $dir/mini-hadoop.log" >&2
exit 1
