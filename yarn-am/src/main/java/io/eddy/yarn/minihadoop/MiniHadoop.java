package io.eddy.yarn.minihadoop;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.webproxy.WebAppProxyServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * HDFS and YARN in one process, for trying Eddy on YARN without a Hadoop installation and for tests:
 * a {@link MiniDFSCluster} (one DataNode) and a {@link MiniYARNCluster} (N NodeManagers that launch
 * real container processes on this host), on ephemeral ports, whose client settings are written to
 * {@code <dir>/conf/{core,hdfs,yarn}-site.xml} so that {@code HADOOP_CONF_DIR=<dir>/conf} reaches them.
 *
 * <p>YARN's web proxy (the tracking URLs of applications, {@code http://<proxy>/proxy/<applicationId>/})
 * runs as a {@link WebAppProxyServer} of its own: the ResourceManager's embedded proxy would publish
 * tracking URLs with the port it was configured with, 0, not the one it bound.
 *
 * <p>YARN's largest container is {@value #MAX_CONTAINER_MB} MB and 4 vcores; the virtual memory
 * check is off (JVMs reserve much more address space than they use).
 */
public final class MiniHadoop implements AutoCloseable {
    public static final int MAX_CONTAINER_MB = 4096;
    /** Memory each NodeManager offers (bookkeeping only: the physical memory check is off). */
    public static final int NODE_MANAGER_MB = 16384;

    private final Path confDir;
    private final MiniDFSCluster hdfs;
    private final MiniYARNCluster yarn;
    private final WebAppProxyServer webProxy;

    private MiniHadoop(Path confDir, MiniDFSCluster hdfs, MiniYARNCluster yarn, WebAppProxyServer webProxy) {
        this.confDir = confDir;
        this.hdfs = hdfs;
        this.yarn = yarn;
        this.webProxy = webProxy;
    }

    /**
     * Starts both clusters with their data under {@code dir} (MiniYARNCluster also keeps its working
     * files under {@code target/} of the current directory) and writes the client settings.
     */
    public static MiniHadoop start(Path dir, int nodeManagers) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toAbsolutePath().toString());
        conf.setInt("dfs.replication", 1);
        // closing a file polls the NameNode until the DataNode reported the last block; the default
        // first pause (400 ms) would dominate every small write
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();

        YarnConfiguration yarnConf = new YarnConfiguration(hdfs.getConfiguration(0));
        yarnConf.set(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY, hdfs.getURI().toString());
        yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
        yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, MAX_CONTAINER_MB);
        // MiniYARNCluster gives its NodeManagers the memory of its own key (default 4096 MB, too little for a
        // session and a per-job application side by side), not NM_PMEM_MB
        yarnConf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, NODE_MANAGER_MB);
        yarnConf.setInt(YarnConfiguration.NM_PMEM_MB, NODE_MANAGER_MB);
        yarnConf.setInt(YarnConfiguration.NM_VCORES, 16);
        yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        yarnConf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        // keep container logs after the application for a look at TaskManager logs
        yarnConf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);
        yarnConf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 2);
        // one queue, "default", first come first served
        yarnConf.set(YarnConfiguration.RM_SCHEDULER,
                "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
        // the ResourceManager writes the proxy's address into tracking URLs before any proxy runs: one
        // that is free now (a port that another process takes meanwhile fails the proxy's start, loudly)
        yarnConf.set(YarnConfiguration.PROXY_ADDRESS, "localhost:" + freePort());
        MiniYARNCluster yarn = new MiniYARNCluster("eddy-mini-yarn", nodeManagers, 1, 1);
        yarn.init(yarnConf);
        yarn.start();
        waitForNodeManagers(yarn, nodeManagers);
        WebAppProxyServer webProxy = new WebAppProxyServer();
        webProxy.init(new YarnConfiguration(yarn.getConfig()));
        webProxy.start();

        Path confDir = dir.resolve("conf");
        Files.createDirectories(confDir);
        Configuration core = new Configuration(false);
        core.set(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY, hdfs.getURI().toString());
        write(core, confDir.resolve("core-site.xml"));
        Configuration hdfsSite = new Configuration(false);
        hdfsSite.set("dfs.replication", "1");
        hdfsSite.set("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "10");
        write(hdfsSite, confDir.resolve("hdfs-site.xml"));
        Configuration yarnSite = new Configuration(false);
        for (Map.Entry<String, String> entry : yarn.getConfig()) {
            if (entry.getKey().startsWith("yarn.resourcemanager.") || entry.getKey().startsWith("yarn.scheduler.")
                    || entry.getKey().equals(YarnConfiguration.PROXY_ADDRESS)) {
                yarnSite.set(entry.getKey(), yarn.getConfig().get(entry.getKey()));
            }
        }
        write(yarnSite, confDir.resolve("yarn-site.xml"));
        return new MiniHadoop(confDir, hdfs, yarn, webProxy);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitForNodeManagers(MiniYARNCluster yarn, int count) throws IOException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (yarn.getResourceManager().getRMContext().getRMNodes().size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("NodeManagers did not register with the ResourceManager within 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private static void write(Configuration conf, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            conf.writeXml(out);
        }
    }

    /** The directory holding core-site.xml, hdfs-site.xml and yarn-site.xml: what HADOOP_CONF_DIR names. */
    public Path confDir() {
        return confDir;
    }

    /** The client configuration of both clusters (the written files' settings). */
    public YarnConfiguration clientConfiguration() {
        YarnConfiguration conf = new YarnConfiguration(new Configuration(false));
        conf.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("core-site.xml").toUri()));
        conf.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("hdfs-site.xml").toUri()));
        conf.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("yarn-site.xml").toUri()));
        return conf;
    }

    public String defaultFileSystem() {
        return hdfs.getURI().toString();
    }

    public MiniYARNCluster yarn() {
        return yarn;
    }

    @Override
    public void close() {
        webProxy.stop();
        yarn.stop();
        hdfs.shutdown();
    }

    /**
     * {@code MiniHadoop <dir> [nodeManagers]}: runs until stopped (SIGTERM); prints
     * {@code export HADOOP_CONF_DIR=<dir>/conf} once both clusters are up. Used by bin/mini-hadoop.sh.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: MiniHadoop <dir> [nodeManagers]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int nodeManagers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        MiniHadoop hadoop = start(dir, nodeManagers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hadoop.close();
            stopped.countDown();
        }, "mini-hadoop-shutdown"));
        System.out.println("HDFS at " + hadoop.defaultFileSystem() + ", YARN with " + nodeManagers
                + " NodeManager(s); ResourceManager at " + hadoop.yarn.getConfig().get(YarnConfiguration.RM_ADDRESS));
        System.out.println("export HADOOP_CONF_DIR=" + hadoop.confDir());
        System.out.flush();
        stopped.await();
    }
}
