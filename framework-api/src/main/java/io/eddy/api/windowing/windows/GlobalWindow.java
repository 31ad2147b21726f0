package io.eddy.api.windowing.windows;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/** The one window that holds all elements of a key; it never ends, so only a trigger fires it. */
public record GlobalWindow() implements Window {
    public static final GlobalWindow INSTANCE = new GlobalWindow();
    public static final TypeInfo<GlobalWindow> TYPE = Types.of(GlobalWindow.class);

    @Override
    public long maxTimestamp() {
        return Long.MAX_VALUE;
    }
}
