package io.eddy.api.state;

import java.util.Iterator;
import java.util.Map;

/**
 * A map per key. Keys and values must not be null. The views returned ({@link #entries},
 * {@link #keys}, {@link #values}, {@link #iterator}) are read-only: change the map through
 * {@link #put} and {@link #remove}, not while iterating.
 */
public interface MapState<UK, UV> extends State {
    /** The value mapped to {@code key} for the current key, or null. */
    UV get(UK key) throws Exception;

    void put(UK key, UV value) throws Exception;

    void putAll(Map<UK, UV> map) throws Exception;

    void remove(UK key) throws Exception;

    boolean contains(UK key) throws Exception;

    Iterable<Map.Entry<UK, UV>> entries() throws Exception;

    Iterable<UK> keys() throws Exception;

    Iterable<UV> values() throws Exception;

    Iterator<Map.Entry<UK, UV>> iterator() throws Exception;

    boolean isEmpty() throws Exception;
}
