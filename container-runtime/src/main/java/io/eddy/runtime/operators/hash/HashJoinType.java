package io.eddy.runtime.operators.hash;

/**
 * Which unmatched records a hash join emits besides the matches. A DataSet left outer join whose
 * left side is the probe side is {@link #PROBE_OUTER}; whose left side is the build side, {@link #BUILD_OUTER}.
 */
public enum HashJoinType {
    INNER(false, false),
    /** Also every build record without a match, paired with null. */
    BUILD_OUTER(true, false),
    /** Also every probe record without a match, paired with null. */
    PROBE_OUTER(false, true),
    FULL_OUTER(true, true);

    final boolean emitsUnmatchedBuild;
    final boolean emitsUnmatchedProbe;

    HashJoinType(boolean emitsUnmatchedBuild, boolean emitsUnmatchedProbe) {
        this.emitsUnmatchedBuild = emitsUnmatchedBuild;
        this.emitsUnmatchedProbe = emitsUnmatchedProbe;
    }
}
