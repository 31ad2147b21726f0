package io.eddy.yarn.deployment;

import org.apache.hadoop.conf.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a YARN deployment takes from the client's machine: the Hadoop configuration directory
 * ({@code HADOOP_CONF_DIR}, else {@code $HADOOP_HOME/etc/hadoop}) and its settings, and the Eddy
 * distribution's {@code lib/} and configuration directory.
 *
 * @param eddyConfDirectory {@code EDDY_CONF_DIR}, or {@code null} when not set
 */
public record ClientEnvironment(Path directory, Configuration configuration, Path eddyLibDirectory,
        Path eddyConfDirectory) {

    /**
     * Reads the environment; fails with one line when the Hadoop configuration cannot be found.
     *
     * @param eddyLibDirectory the distribution's jars, uploaded for the containers
     */
    public static ClientEnvironment of(Map<String, String> environment, Path eddyLibDirectory)
            throws YarnDeploymentException {
        String confDir = environment.get("HADOOP_CONF_DIR");
        Path dir;
        if (confDir != null && !confDir.isEmpty()) {
            dir = Path.of(confDir);
            if (!Files.isDirectory(dir)) {
                throw new YarnDeploymentException("HADOOP_CONF_DIR=" + confDir + " is not a directory: point it at the "
                        + "directory holding the cluster's core-site.xml and yarn-site.xml");
            }
        } else if (environment.get("HADOOP_HOME") != null && Files.isDirectory(Path.of(environment.get("HADOOP_HOME"), "etc", "hadoop"))) {
            dir = Path.of(environment.get("HADOOP_HOME"), "etc", "hadoop");
        } else {
            throw new YarnDeploymentException("HADOOP_CONF_DIR is not set: export HADOOP_CONF_DIR=<directory holding "
                    + "core-site.xml and yarn-site.xml> (bin/mini-hadoop.sh start prints one for a local try)");
        }
        if (!Files.isRegularFile(dir.resolve("yarn-site.xml"))) {
            throw new YarnDeploymentException(dir + " holds no yarn-site.xml: point HADOOP_CONF_DIR at the YARN "
                    + "cluster's configuration");
        }
        if (eddyLibDirectory == null || !Files.isDirectory(eddyLibDirectory)) {
            throw new YarnDeploymentException("The distribution's lib/ directory " + eddyLibDirectory + " is missing: "
                    + "run the command from an Eddy distribution (set EDDY_HOME)");
        }
        Configuration conf = new Configuration();
        for (String file : new String[] {"core-site.xml", "hdfs-site.xml", "yarn-site.xml"}) {
            Path site = dir.resolve(file);
            if (Files.isRegularFile(site)) {
                conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
            }
        }
        String eddyConf = environment.get("EDDY_CONF_DIR");
        return new ClientEnvironment(dir, conf, eddyLibDirectory,
                eddyConf == null || eddyConf.isEmpty() ? null : Path.of(eddyConf));
    }

    /** The environment of this process; lib/ from {@code EDDY_LIB_DIR} (set by bin/), else {@code EDDY_HOME/lib}. */
    public static ClientEnvironment fromSystem() throws YarnDeploymentException {
        String lib = System.getenv("EDDY_LIB_DIR");
        String home = System.getenv("EDDY_HOME");
        return of(System.getenv(), lib != null ? Path.of(lib) : home == null ? null : Path.of(home, "lib"));
    }
}
