package io.eddy.runtime.cluster;

import io.eddy.runtime.remote.RemoteException;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A failure on its way between processes: the root cause's class, message and printed stack trace. */
public record FailureInfo(String exceptionClass, String message, String stackTrace) {
    public static FailureInfo of(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringWriter trace = new StringWriter();
        root.printStackTrace(new PrintWriter(trace));
        String className = root instanceof RemoteException remote ? remote.getRemoteClass() : root.getClass().getName();
        return new FailureInfo(className, root.getMessage(), trace.toString());
    }

    /** The failure rebuilt on this side, with the original stack frames. */
    public RemoteException toException() {
        return RemoteException.of(exceptionClass, message, stackTrace);
    }
}
