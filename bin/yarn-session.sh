#!/usr/bin/env bash
# An Eddy session on YARN: starts one (attached, or detached with -d), attaches to one (-id <appId>),
# or stops one (-id <appId> --stop). See bin/yarn-session.sh -h. Needs HADOOP_CONF_DIR (or HADOOP_HOME).
# JVM options for this client: EDDY_CLIENT_JVM_OPTS.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/eddy-config.sh"

# shellcheck disable=SC2086
exec "$JAVA" "${JVM_CLASS_SHARING[@]}" ${EDDY_CLIENT_JVM_OPTS:-} "${JVM_ADD_OPENS[@]}" \
  -Dlog4j2.configurationFile="$EDDY_CONF_DIR/log4j2-cli.properties" \
  -cp "$EDDY_CLASSPATH" io.eddy.yarn.deployment.YarnSessionCli "$@"
