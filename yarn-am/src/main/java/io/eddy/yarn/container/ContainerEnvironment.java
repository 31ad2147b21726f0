package io.eddy.yarn.container;

import java.util.List;

/**
 * What the client, the ApplicationMaster and the TaskManager containers agree on: environment
 * variables, link names of localized files, and the JVM options every Eddy JVM in YARN starts with.
 */
public final class ContainerEnvironment {
    private ContainerEnvironment() {}

    /** The cluster secret (RPC authentication), given in the environment so no command line shows it. */
    public static final String CLUSTER_SECRET = "EDDY_CLUSTER_SECRET";
    /** The Eddy configuration directory, relative to the container's working directory. */
    public static final String CONF_DIR = "EDDY_CONF_DIR";
    /** Comma-separated directories on the cluster's file system holding the distribution's jars. */
    public static final String LIB_DIRS = "EDDY_LIB_DIRS";
    /** The application's staging directory on the cluster's file system ({@code .eddy/<appId>}). */
    public static final String STAGING_DIR = "EDDY_STAGING_DIR";

    /**
     * The file naming the JobManager of the application's running attempt ({@code host:port}), which a
     * TaskManager reads before it registers again: kept containers outlive the attempt that started them.
     */
    public static final String JOBMANAGER_ADDRESS_FILE = "EDDY_JOBMANAGER_ADDRESS_FILE";

    /** Link names in a container's working directory. */
    public static final String LIB_LINK = "lib";
    public static final String CONF_LINK = "conf";
    public static final String HADOOP_CONF_LINK = "hadoop-conf";

    /** Hadoop 3.4 and Kryo reflect into the JDK; Java 17 needs these opened (same list as bin/eddy-config.sh). */
    public static final List<String> JAVA_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.math=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED");
}
