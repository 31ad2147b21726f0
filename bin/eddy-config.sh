# Shared by the bin/ scripts (sourced, not run): finds Java, the Eddy jars and the configuration.
# Works both in an unpacked distribution (lib/ next to bin/) and in a source checkout after
# `mvn package` (jars assembled in dist/target/eddy/lib).

bin_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
EDDY_HOME="${EDDY_HOME:-$(dirname "$bin_dir")}"
export EDDY_HOME

if [[ -d "$EDDY_HOME/lib" ]]; then
  EDDY_LIB_DIR="$EDDY_HOME/lib"
else
  EDDY_LIB_DIR="$EDDY_HOME/dist/target/eddy/lib"
fi
if ! compgen -G "$EDDY_LIB_DIR/*.jar" > /dev/null; then
  echo "eddy: no Eddy jars in $EDDY_LIB_DIR: build them first with 'mvn -q package -DskipTests' in $EDDY_HOME" >&2
  exit 1
fi
export EDDY_LIB_DIR
EDDY_CLASSPATH="$EDDY_LIB_DIR/*"

# Hadoop's client settings (core-site.xml, hdfs-site.xml: name services, HA, security) for hdfs://
# checkpoints and files go on the class path from HADOOP_CONF_DIR, else from $HADOOP_HOME/etc/hadoop.
if [[ -n "${HADOOP_CONF_DIR:-}" ]]; then
  if [[ ! -d "$HADOOP_CONF_DIR" ]]; then
    echo "eddy: HADOOP_CONF_DIR=$HADOOP_CONF_DIR is not a directory: point it at the directory holding core-site.xml and hdfs-site.xml, or unset it" >&2
    exit 1
  fi
  EDDY_CLASSPATH="$EDDY_CLASSPATH:$HADOOP_CONF_DIR"
elif [[ -n "${HADOOP_HOME:-}" && -d "$HADOOP_HOME/etc/hadoop" ]]; then
  EDDY_CLASSPATH="$EDDY_CLASSPATH:$HADOOP_HOME/etc/hadoop"
fi

export EDDY_CONF_DIR="${EDDY_CONF_DIR:-$EDDY_HOME/conf}"
if [[ ! -d "$EDDY_CONF_DIR" ]]; then
  echo "eddy: configuration directory $EDDY_CONF_DIR does not exist: set EDDY_CONF_DIR to the directory holding eddy-conf.yaml" >&2
  exit 1
fi

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java > /dev/null; then
  JAVA="$(command -v java)"
else
  echo "eddy: no java found: install Java 17 or newer, or set JAVA_HOME" >&2
  exit 1
fi
java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [[ -n "$java_major" && "${java_major%%.*}" -lt 17 ]]; then
  echo "eddy: $JAVA is Java $java_major, Eddy needs Java 17 or newer: set JAVA_HOME" >&2
  exit 1
fi

# Hadoop and Kryo reach into JDK internals.
JVM_ADD_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.security.util=ALL-UNNAMED
)

# Class data sharing: the distribution's build dumps the classes a job loads (JVM, Eddy, Netty, log4j2,
# Jackson...) into lib/eddy.jsa (dist/pom.xml), parsed, verified and laid out as the JVM keeps them,
# so a process maps them instead of loading each from its jar: a job's start costs about 1 s less CPU
# (README, "The start-up of every job"). The scripts use the archive only while no jar is newer; the
# JVM checks it against the class path (paths, sizes and times of the jars) and the JDK build too. One
# that no longer matches (jars rebuilt, distribution moved, another Java) is left out, silently, and the
# process loads its classes from the jars as without it. Options given by the user come later and win.
JVM_CLASS_SHARING=()
if [[ -f "$EDDY_LIB_DIR/eddy.jsa" && -z "$(find "$EDDY_LIB_DIR" -maxdepth 1 -name '*.jar' -newer "$EDDY_LIB_DIR/eddy.jsa" -print -quit)" ]]; then
  JVM_CLASS_SHARING=(-XX:SharedArchiveFile="$EDDY_LIB_DIR/eddy.jsa" -Xshare:auto -Xlog:cds=off,cds+dynamic=off)
fi
