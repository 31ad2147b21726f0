package io.eddy.runtime.rpc;

/**
 * Failure of a remote call: the peer could not be reached or authenticated, the connection was
 * lost, the call timed out, or the remote handler threw. In the last case {@link #remoteClassName()}
 * names the exception class thrown on the peer.
 */
public class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    public RpcException(String message) {
        this(message, null, null);
    }

    public RpcException(String message, Throwable cause) {
        this(message, cause, null);
    }

    private RpcException(String message, Throwable cause, String remoteClassName) {
        super(message, cause);
        this.remoteClassName = remoteClassName;
    }

    /** An exception thrown by a handler on {@code peer}, carried back by class name and message. */
    static RpcException remote(String remoteClassName, String remoteMessage, String requestClass, String peer) {
        return new RpcException(remoteClassName + ": " + remoteMessage + " (thrown by " + peer + " handling "
                + requestClass + ")", null, remoteClassName);
    }

    /** Class name of the exception thrown by the remote handler, or null if the failure is local. */
    public String remoteClassName() {
        return remoteClassName;
    }
}
