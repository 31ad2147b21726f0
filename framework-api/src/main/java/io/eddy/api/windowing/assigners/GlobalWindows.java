package io.eddy.api.windowing.assigners;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.windowing.triggers.NeverTrigger;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.GlobalWindow;

import java.util.Collection;
import java.util.Collections;

/**
 * Puts all elements of a key into the {@link GlobalWindow}. Its default trigger never fires, so
 * set one, e.g. a {@code CountTrigger}.
 */
public final class GlobalWindows extends WindowAssigner<Object, GlobalWindow> {
    private static final long serialVersionUID = 1L;

    private static final Collection<GlobalWindow> WINDOWS = Collections.singletonList(GlobalWindow.INSTANCE);

    private GlobalWindows() {}

    public static GlobalWindows create() {
        return new GlobalWindows();
    }

    @Override
    public Collection<GlobalWindow> assignWindows(Object element, long timestamp, Context context) {
        return WINDOWS;
    }

    @Override
    public Trigger<Object, GlobalWindow> getDefaultTrigger() {
        return NeverTrigger.create();
    }

    @Override
    public TypeInfo<GlobalWindow> getWindowType() {
        return GlobalWindow.TYPE;
    }

    @Override
    public boolean isEventTime() {
        return false;
    }
}
