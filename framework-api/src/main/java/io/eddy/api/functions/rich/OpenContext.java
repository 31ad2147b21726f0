package io.eddy.api.functions.rich;

/** Passed to {@link RichFunction#open}; room for future parameters without changing the signature. */
public interface OpenContext {}
