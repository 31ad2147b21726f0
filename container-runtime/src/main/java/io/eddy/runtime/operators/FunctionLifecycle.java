package io.eddy.runtime.operators;

import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichFunction;
import io.eddy.api.operators.OperatorContext;

/**
 * The life cycle of a user function inside an operator: a rich function gets the operator's function
 * context ({@link RuntimeOperatorContext#getFunctionContext()}), then {@code open}, and {@code close} at
 * the end; any other function needs nothing. Called by the operators in the task thread.
 */
public final class FunctionLifecycle {
    private static final OpenContext OPEN_CONTEXT = new OpenContext() {};

    private FunctionLifecycle() {}

    public static void setRuntimeContext(Object function, OperatorContext context) {
        if (function instanceof RichFunction rich) {
            rich.setRuntimeContext(context instanceof RuntimeOperatorContext runtime ? runtime.getFunctionContext() : context);
        }
    }

    public static void open(Object function) throws Exception {
        if (function instanceof RichFunction rich) {
            rich.open(OPEN_CONTEXT);
        }
    }

    /** Sets the runtime context and opens: for operators whose functions keep no checkpointed state. */
    public static void setUpAndOpen(Object function, OperatorContext context) throws Exception {
        setRuntimeContext(function, context);
        open(function);
    }

    public static void close(Object function) throws Exception {
        if (function instanceof RichFunction rich) {
            rich.close();
        }
    }
}
