package io.eddy.yarn.resourcemanager;

import org.apache.hadoop.yarn.api.records.LocalResource;

import java.util.List;
import java.util.Map;

/**
 * What a TaskManager container needs besides its command: the files YARN localizes into its working
 * directory (the distribution's {@code lib/}, {@code conf/} and the Hadoop configuration, by link name),
 * and its class path (entries relative to the working directory, or absolute on the node).
 *
 * @param confDir the Eddy configuration directory in the container ({@code EDDY_CONF_DIR}), or
 *     {@code null} for none
 * @param environment further environment variables of every TaskManager container
 */
public record WorkerLaunchSpec(Map<String, LocalResource> localResources, List<String> classPath, String confDir,
        Map<String, String> environment) {
    public WorkerLaunchSpec {
        localResources = Map.copyOf(localResources);
        classPath = List.copyOf(classPath);
        environment = Map.copyOf(environment);
    }
}
