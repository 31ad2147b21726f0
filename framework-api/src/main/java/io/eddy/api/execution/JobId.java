package io.eddy.api.execution;

import java.io.Serializable;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifies one submitted job; printed and parsed as 32 hex digits. */
public final class JobId implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long upper;
    private final long lower;

    public JobId(long upper, long lower) {
        this.upper = upper;
        this.lower = lower;
    }

    public static JobId generate() {
        return new JobId(RANDOM.nextLong(), RANDOM.nextLong());
    }

    /** Parses the 32-hex-digit form; throws {@link IllegalArgumentException} naming the bad text. */
    public static JobId fromHexString(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("'" + hex + "' is not a job id: a job id has 32 hex digits");
        }
        try {
            return new JobId(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + hex + "' is not a job id: a job id has 32 hex digits");
        }
    }

    public String toHexString() {
        return HexFormat.of().toHexDigits(upper) + HexFormat.of().toHexDigits(lower);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobId j && j.upper == upper && j.lower == lower;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(upper) * 31 + Long.hashCode(lower);
    }

    @Override
    public String toString() {
        return toHexString();
    }
}
