package io.eddy.runtime.tasks;

/**
 * Carries a checked exception thrown by a chained operator through {@link io.eddy.api.operators.Outputthere too, since container-runtime's tests cannot depend on test-utils.collect},
 * which cannot declare it. The task unwraps it, so the job reports the user's own exception.
 */
final class OperatorFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OperatorFailure(Throwable cause) {
        super(cause.getMessage(), cause, false, false);
    }

    /** The first exception under any wrapping. */
    static Throwable unwrap(Throwable t) {
        while (t instanceof OperatorFailure && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
