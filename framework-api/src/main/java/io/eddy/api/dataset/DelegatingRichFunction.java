package io.eddy.api.dataset;

import io.eddy.api.functions.Function;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichFunction;
import io.eddy.api.functions.rich.RuntimeContext;

import java.io.Serializable;

/**
 * A function the DataSet API puts around the program's function (to adapt its form or unpair its
 * records): when the program's function is rich, it keeps its life cycle and runtime context, which
 * the runtime gives to the outer function.
 */
abstract class DelegatingRichFunction implements RichFunction, Serializable {
    private static final long serialVersionUID = 1L;

    protected final Function delegate;

    DelegatingRichFunction(Function delegate) {
        this.delegate = delegate;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        if (delegate instanceof RichFunction rich) {
            rich.open(context);
        }
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof RichFunction rich) {
            rich.close();
        }
    }

    @Override
    public RuntimeContext getRuntimeContext() {
        return delegate instanceof RichFunction rich ? rich.getRuntimeContext() : null;
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        if (delegate instanceof RichFunction rich) {
            rich.setRuntimeContext(context);
        }
    }
}
