package io.eddy.runtime.deployment;

import java.io.Serializable;
import java.net.InetSocketAddress;

/** Where a TaskManager serves its result partitions to consumers in other processes. */
public record DataAddress(String host, int port) implements Serializable {
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
