package io.eddy.api.dataset;

/** The direction of a sort. */
public enum Order { ASCENDING, DESCENDING }
