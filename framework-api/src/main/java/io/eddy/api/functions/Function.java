package io.eddy.api.functions;

import java.io.Serializable;

/**
 * Base of every user function. Functions are serialized with the job and shipped to the
 * TaskManagers, so they and everything they reference must be {@link Serializable}.
 */
public interface Function extends Serializable {}
