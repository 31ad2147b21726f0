#!/usr/bin/env bash
# TaskManagers of a standalone cluster on this host: taskmanager.sh start|stop|stop-all|status.
# Each start adds one TaskManager (numbered 1, 2, ...); stop stops the last one started.
# Logs go to $EDDY_LOG_DIR (default log/), settings are described in eddy-daemon.sh.
set -euo pipefail
case "${1:-}" in
  start | stop | stop-all | status) ;;
  *)
    echo "Usage: $(basename "$0") start|stop|stop-all|status" >&2
    exit 2
    ;;
esac
exec "$(dirname "$(readlink -f "$0")")/eddy-daemon.sh" taskmanager "$1"
