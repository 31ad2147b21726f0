#!/usr/bin/env bash
# Stops the standalone cluster start-cluster.sh started: all TaskManagers on this host and on the
# hosts in conf/workers, then the JobManager.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/eddy-config.sh"
. "$bin_dir/eddy-workers.sh"

workers="$(read_workers)"
failed=0
# local TaskManagers go in any case: start-cluster.sh -n starts them without conf/workers
"$bin_dir/taskmanager.sh" stop-all || failed=1
for worker in $workers; do
  if ! is_local "$worker"; then
    on_worker "$worker" stop-all || failed=1
  fi
done
"$bin_dir/jobmanager.sh" stop || failed=1
exit "$failed"
