package io.eddy.api.types.serializers;

/**
 * Boxes that are always new objects, never one of {@code valueOf}'s cached boxes of -128..127, for
 * the boxes the runtime creates per record (deserialized fields, generated numbers).
 *
 * <p>Why, both about the JIT: {@code valueOf} is compiled with the branch profile of all its callers
 * in the JVM, and once that profile saw the cached range, the compiled box is "a cached object or a
 * new one", which escape analysis cannot remove, so a box that never leaves the inlined record loop
 * is still allocated. And a cached box is the same object in two different records: keyed state
 * remembers the entry of its last lookup by the key's identity (read-then-write of one element costs
 * one hash lookup), and a key of the cached range then matches the previous element's entry now and
 * then, rarely enough that the JIT compiled the loop without that case and has to throw the compiled
 * loop away and compile it again when it comes (seen in every keyed-sum run, README, Benchmarks).
 */
public final class FreshBoxes {
    private FreshBoxes() {}

    @SuppressWarnings("removal")
    public static Long ofLong(long value) {
        return new Long(value);
    }

    @SuppressWarnings("removal")
    public static Integer ofInt(int value) {
        return new Integer(value);
    }

    @SuppressWarnings("removal")
    public static Short ofShort(short value) {
        return new Short(value);
    }

    @SuppressWarnings("removal")
    public static Character ofChar(char value) {
        return new Character(value);
    }
}
