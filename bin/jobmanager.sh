#!/usr/bin/env bash
# The JobManager of a standalone cluster on this host: jobmanager.sh start|stop|status.
# Logs go to $EDDY_LOG_DIR (default log/), settings are described in eddy-daemon.sh.
set -euo pipefail
case "${1:-}" in
  start | stop | status) ;;
  *)
    echo "Usage: $(basename "$0") start|stop|status" >&2
    exit 2
    ;;
esac
exec "$(dirname "$(readlink -f "$0")")/eddy-daemon.sh" jobmanager "$1"
