package io.eddy.api.functions.rich;

/** Passed to {@link RichFunctionthere too, since container-runtime's tests cannot depend on test-utils.open}; room for future parameters without changing the signature. */
public interface OpenContext {}
