# The TaskManager hosts of conf/workers (sourced by start-cluster.sh and stop-cluster.sh, after
# eddy-config.sh).

# Host names of $EDDY_CONF_DIR/workers, one per line; blank lines and # comments skipped.
read_workers() {
  local file="$EDDY_CONF_DIR/workers"
  if [[ ! -f "$file" ]]; then
    echo "eddy: no $file: list the TaskManager hosts there, one per line, or use start-cluster.sh -n N" >&2
    return 1
  fi
  sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$file"
}

is_local() {
  case "$1" in
    localhost | 127.0.0.1 | ::1 | "$(hostname)" | "$(hostname -f 2> /dev/null || hostname)") return 0 ;;
    *) return 1 ;;
  esac
}

# Runs taskmanager.sh <command> on the worker: here directly, elsewhere over ssh, passing on
# EDDY_CONF_DIR and HADOOP_CONF_DIR (if set), which must name the same directories there.
on_worker() {
  if is_local "$1"; then
    "$bin_dir/taskmanager.sh" "$2"
  else
    local hadoop_conf=""
    [[ -n "${HADOOP_CONF_DIR:-}" ]] && hadoop_conf="HADOOP_CONF_DIR=$(printf %q "$HADOOP_CONF_DIR") "
    # shellcheck disable=SC2086
    ssh -n ${EDDY_SSH_OPTS:-} "$1" \
      "EDDY_CONF_DIR=$(printf %q "$EDDY_CONF_DIR") $hadoop_conf$(printf %q "$EDDY_HOME/bin/taskmanager.sh") $2"
  fi
}
