#!/usr/bin/env bash
# Starts, stops and reports the cluster processes of this host; used by jobmanager.sh and
# taskmanager.sh: eddy-daemon.sh (jobmanager|taskmanager) (start|stop|stop-all|status).
#
# Environment:
#   EDDY_LOG_DIR          log files (default $EDDY_HOME/log)
#   EDDY_PID_DIR          pid files (default $EDDY_LOG_DIR)
#   EDDY_JM_HEAP          JobManager heap, JVM notation (default jobmanager.heap.size from
#   EDDY_TM_HEAP          eddy-conf.yaml, else 1g); TaskManager likewise with taskmanager.heap.size
#   EDDY_JM_JVM_OPTS      further JVM options of the JobManager / TaskManagers
#   EDDY_TM_JVM_OPTS
#   EDDY_STOP_TIMEOUT     seconds a stopping process may take before it is killed (default 20)
#   EDDY_START_TIMEOUT    seconds start waits for the process to report it started (default 30)
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/eddy-config.sh"

usage() {
  echo "Usage: $(basename "$0") (jobmanager|taskmanager) (start|stop|stop-all|status)" >&2
  exit 2
}
[[ $# -eq 2 ]] || usage
role="$1"
command="$2"
case "$role" in
  jobmanager)
    title="JobManager"
    main_class="io.eddy.runtime.cluster.JobManagerProcess"
    heap_env="${EDDY_JM_HEAP:-}"
    jvm_opts="${EDDY_JM_JVM_OPTS:-}"
    ;;
  taskmanager)
    title="TaskManager"
    main_class="io.eddy.runtime.cluster.TaskManagerProcess"
    heap_env="${EDDY_TM_HEAP:-}"
    jvm_opts="${EDDY_TM_JVM_OPTS:-}"
    ;;
  *) usage ;;
esac

host="$(hostname)"
EDDY_LOG_DIR="${EDDY_LOG_DIR:-$EDDY_HOME/log}"
EDDY_PID_DIR="${EDDY_PID_DIR:-$EDDY_LOG_DIR}"
stop_timeout="${EDDY_STOP_TIMEOUT:-20}"
start_timeout="${EDDY_START_TIMEOUT:-30}"

# A flat "key: value" line of eddy-conf.yaml (nested keys are not looked at).
config_value() {
  local file="$EDDY_CONF_DIR/eddy-conf.yaml"
  [[ -f "$file" ]] || return 0
  sed -n "s/^$1:[[:space:]]*\([^#[:space:]]*\).*/\1/p" "$file" | tail -n 1
}

# Pid files are eddy-<user>-<role>-<index>.pid; the JobManager always has index 1.
pid_file() {
  echo "$EDDY_PID_DIR/eddy-${USER:-$(id -un)}-$role-$1.pid"
}

# Indexes with a pid file, ascending; files of processes that are gone are removed first.
running_indexes() {
  local file index pid
  for file in "$EDDY_PID_DIR"/eddy-"${USER:-$(id -un)}"-"$role"-*.pid; do
    [[ -e "$file" ]] || continue
    index="${file%.pid}"
    index="${index##*-}"
    pid="$(cat "$file")"
    if is_ours "$pid"; then
      echo "$index"
    else
      rm -f "$file"
    fi
  done | sort -n
}

# Whether pid is alive and runs our main class (a pid may be reused by another process).
is_ours() {
  [[ "$1" =~ ^[0-9]+$ ]] && ps -p "$1" -o args= 2> /dev/null | grep -q "$main_class"
}

log_base() {
  if [[ "$role" == jobmanager ]]; then
    echo "$EDDY_LOG_DIR/eddy-jobmanager-$host"
  else
    echo "$EDDY_LOG_DIR/eddy-taskmanager-$1-$host"
  fi
}

start() {
  mkdir -p "$EDDY_LOG_DIR" "$EDDY_PID_DIR"
  local indexes index
  indexes="$(running_indexes)"
  if [[ "$role" == jobmanager ]]; then
    if [[ -n "$indexes" ]]; then
      echo "eddy: a JobManager is already running on $host (pid $(cat "$(pid_file 1)")); stop it with: $bin_dir/jobmanager.sh stop" >&2
      exit 1
    fi
    index=1
  else
    index=$(( $(echo "${indexes:-0}" | tail -n 1) + 1 ))
  fi

  local heap="${heap_env:-$(config_value "$role.heap.size")}"
  heap="${heap:-1g}"
  local log out
  log="$(log_base "$index").log"
  out="$(log_base "$index").out"
  local log_lines=0
  [[ -f "$log" ]] && log_lines="$(wc -l < "$log")"

  # shellcheck disable=SC2086
  nohup "$JAVA" -Xmx"$heap" "${JVM_CLASS_SHARING[@]}" $jvm_opts "${JVM_ADD_OPENS[@]}" \
    -Dlog4j2.configurationFile="$EDDY_CONF_DIR/log4j2.properties" \
    -Deddy.log.file="$log" -Deddy.out.file="$out" \
    -cp "$EDDY_CLASSPATH" "$main_class" > "$out" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" > "$(pid_file "$index")"

  # Wait for the "started" line (logged once the process listens) so that a process dying at
  # start (port in use, bad configuration) is reported here, not only in its log.
  local waited=0
  while ! tail -n +"$((log_lines + 1))" "$log" 2> /dev/null | grep -q "$title .* started"; do
    if ! kill -0 "$pid" 2> /dev/null; then
      rm -f "$(pid_file "$index")"
      # the process prints its start failure as one line starting with "eddy: "
      grep -m 1 '^eddy: ' "$out" >&2 || echo "eddy: the $title exited right after its start" >&2
      echo "eddy: its output is in $out, its log in $log" >&2
      exit 1
    fi
    if (( waited >= start_timeout * 10 )); then
      echo "eddy: the $title (pid $pid) has not reported a start after $start_timeout s; see $log" >&2
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  if [[ "$role" == jobmanager ]]; then
    echo "Started the JobManager on $host (pid $pid); log: $log"
  else
    echo "Started TaskManager $index on $host (pid $pid); log: $log"
  fi
}

# Stops the process with the given index: TERM (shutdown hooks run), after the timeout KILL.
stop_index() {
  local file pid
  file="$(pid_file "$1")"
  pid="$(cat "$file")"
  kill "$pid" 2> /dev/null || true
  local waited=0
  while kill -0 "$pid" 2> /dev/null; do
    if (( waited >= stop_timeout * 10 )); then
      echo "eddy: $title $1 (pid $pid) did not stop within $stop_timeout s: killing it" >&2
      kill -9 "$pid" 2> /dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$file"
  if [[ "$role" == jobmanager ]]; then
    echo "Stopped the JobManager on $host (pid $pid)"
  else
    echo "Stopped TaskManager $1 on $host (pid $pid)"
  fi
}

stop() {
  local indexes
  indexes="$(running_indexes)"
  if [[ -z "$indexes" ]]; then
    echo "No $title running on $host"
    return 0
  fi
  if [[ "$1" == all ]]; then
    local index
    for index in $indexes; do
      stop_index "$index"
    done
  else
    stop_index "$(echo "$indexes" | tail -n 1)"
  fi
}

status() {
  local indexes index
  indexes="$(running_indexes)"
  if [[ -z "$indexes" ]]; then
    echo "No $title running on $host"
    exit 3
  fi
  for index in $indexes; do
    if [[ "$role" == jobmanager ]]; then
      echo "JobManager running on $host (pid $(cat "$(pid_file "$index")")); log: $(log_base "$index").log"
    else
      echo "TaskManager $index running on $host (pid $(cat "$(pid_file "$index")")); log: $(log_base "$index").log"
    fi
  done
}

case "$command" in
  start) start ;;
  stop) stop last ;;
  stop-all) stop all ;;
  status) status ;;
  *) usage ;;
esac
