package io.eddy.runtime.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * Which producer subtasks feed which consumer subtasks over one edge. All-to-all edges connect
 * every pair; pointwise edges (forward, rescale) connect each subtask to a contiguous range on the
 * other side, so no producer or consumer has more channels than needed.
 */
public final class EdgeWiring {
    private EdgeWiring() {}

    /** The consumers of producer {@code producer}, in subpartition order. */
    public static List<Integer> consumersOf(int producer, int producers, int consumers, boolean pointwise) {
        List<Integer> result = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            if (!pointwise || producerGroupOf(c, producers, consumers).contains(producer)) {
                result.add(c);
            }
        }
        return result;
    }

    /** The producers feeding consumer {@code consumer}, in channel order. */
    public static List<Integer> producersOf(int consumer, int producers, int consumers, boolean pointwise) {
        if (!pointwise) {
            List<Integer> all = new ArrayList<>(producers);
            for (int p = 0; p < producers; p++) {
                all.add(p);
            }
            return all;
        }
        return producerGroupOf(consumer, producers, consumers);
    }

    private static List<Integer> producerGroupOf(int consumer, int producers, int consumers) {
        List<Integer> result = new ArrayList<>();
        if (producers >= consumers) {
            // each producer feeds exactly one consumer: floor(p * consumers / producers)
            for (int p = 0; p < producers; p++) {
                if ((long) p * consumers / producers == consumer) {
                    result.add(p);
                }
            }
        } else {
            // each consumer reads exactly one producer: floor(c * producers / consumers)
            result.add((int) ((long) consumer * producers / consumers));
        }
        return result;
    }
}
