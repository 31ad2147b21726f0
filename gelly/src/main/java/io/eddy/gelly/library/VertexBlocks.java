package io.eddy.gelly.library;

import io.eddy.api.functions.Partitioner;

/**
 * The split of a graph's vertices into {@code B} blocks by id hash, for the algorithms that keep each
 * block of the graph in one record built once ({@code PageRank}, {@code ConnectedComponents}' blocks):
 * a vertex's block is {@link #of}, and {@link #BY_BLOCK} sends block {@code b} to subtask {@code b mod p}.
 */
public final class VertexBlocks {
    private VertexBlocks() {}

    /** The block of vertex {@code id}; the hash is mixed so that ids with a pattern in their low bits spread evenly. */
    public static int of(Object id, int blocks) {
        int h = id.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), blocks);
    }

    /** Partitions on an {@code Integer} block number. */
    public static final Partitioner<Object> BY_BLOCK = new ByBlock();

    private static final class ByBlock implements Partitioner<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public int partition(Object block, int partitions) {
            return (Integer) block % partitions;
        }
    }
}
