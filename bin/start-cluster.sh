#!/usr/bin/env bash
# Starts a standalone cluster: a JobManager on this host, then one TaskManager per line of
# conf/workers (localhost here, other hosts over ssh, which must have Eddy at the same EDDY_HOME),
# or with -n N, N TaskManagers on this host and conf/workers ignored.
# EDDY_SSH_OPTS: further ssh options, e.g. "-p 2222".
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/eddy-config.sh"
. "$bin_dir/eddy-workers.sh"

local_count=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "eddy: -n needs a positive number of TaskManagers" >&2; exit 2; }
      local_count="$2"
      shift 2
      ;;
    *)
      echo "Usage: $(basename "$0") [-n number-of-local-taskmanagers]" >&2
      exit 2
      ;;
  esac
done

"$bin_dir/jobmanager.sh" start

failed=0
if [[ -n "$local_count" ]]; then
  for ((i = 0; i < local_count; i++)); do
    "$bin_dir/taskmanager.sh" start || failed=1
  done
else
  workers="$(read_workers)"
  for worker in $workers; do
    on_worker "$worker" start || failed=1
  done
fi
exit "$failed"
