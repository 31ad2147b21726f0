package io.eddy.api.config;

import java.io.Serializable;
import java.util.Locale;

/** A number of bytes, written in configuration as {@code 512}, {@code 32kb}, {@code 64 mb}, {@code 2g}. */
public final class MemorySize implements Serializable, Comparable<MemorySize> {
    private static final long serialVersionUID = 1L;

    private final long bytes;

    private MemorySize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("A memory size cannot be negative: " + bytes);
        }
        this.bytes = bytes;
    }

    public static MemorySize ofBytes(long bytes) {
        return new MemorySize(bytes);
    }

    public static MemorySize ofMebiBytes(long mebiBytes) {
        return new MemorySize(mebiBytes << 20);
    }

    /** Parses {@code <number>[ ]<unit>}; units b, k/kb/kib, m/mb/mib, g/gb/gib, t/tb/tib (all binary). */
    public static MemorySize parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a memory size: write a number with an optional unit, e.g. 32kb, 64mb, 1g");
        }
        long number = Long.parseLong(s.substring(0, i));
        String unit = s.substring(i).trim();
        int shift;
        switch (unit) {
            case "", "b", "bytes" -> shift = 0;
            case "k", "kb", "kib" -> shift = 10;
            case "m", "mb", "mib" -> shift = 20;
            case "g", "gb", "gib" -> shift = 30;
            case "t", "tb", "tib" -> shift = 40;
            default -> throw new IllegalArgumentException(
                    "'" + text + "' has an unknown memory unit '" + unit + "': use b, kb, mb, gb or tb");
        }
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large a memory size");
        }
        return new MemorySize(number << shift);
    }

    public long getBytes() {
        return bytes;
    }

    public long getMebiBytes() {
        return bytes >> 20;
    }

    @Override
    public int compareTo(MemorySize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemorySize m && m.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytes);
    }

    @Override
    public String toString() {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "gb";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "mb";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "kb";
        }
        return bytes + "b";
    }
}
