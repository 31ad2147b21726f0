package io.eddy.runtime.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exception thrown in a remote process, rebuilt from its class name, message and printed
 * stack trace, so that it reads like the original (the original class may not exist here).
 */
public final class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:[^/]*/)?([\\w$.<>]+)\\.([\\w$<>]+)\\((.*?)(?::(\\d+))?\\)$");

    private final String remoteClass;

    private RemoteException(String remoteClass, String message) {
        super(message);
        this.remoteClass = remoteClass;
    }

    public static RemoteException of(String remoteClass, String message, String stackTrace) {
        RemoteException e = new RemoteException(remoteClass, message);
        List<StackTraceElement> frames = new ArrayList<>();
        for (String line : stackTrace.split("\n")) {
            Matcher m = FRAME.matcher(line.strip());
            if (m.matches()) {
                String file = m.group(3).isEmpty() || m.group(3).equals("Unknown Source") ? null : m.group(3);
                frames.add(new StackTraceElement(m.group(1), m.group(2), file,
                        m.group(4) == null ? -1 : Integer.parseInt(m.group(4))));
            } else if (line.startsWith("Caused by") || line.strip().startsWith("...")) {
                break;
            }
        }
        e.setStackTrace(frames.toArray(new StackTraceElement[0]));
        return e;
    }

    /** The class of the original exception. */
    public String getRemoteClass() {
        return remoteClass;
    }

    @Override
    public String toString() {
        String message = getMessage();
        return remoteClass + (message == null ? "" : ": " + message);
    }
}
