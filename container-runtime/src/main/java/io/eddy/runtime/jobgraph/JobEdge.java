package io.eddy.runtime.jobgraph;

import java.io.Serializable;

/**
 * A data exchange between two vertices. {@code producerOutput} is the index of the producer's
 * result partition, {@code consumerInput} the index of the consumer's input.
 *
 * @param pointwise producer i talks to a contiguous subset of consumers (forward, rescale)
 *     instead of all of them
 * @param exchangeMode whether consumers read while the producers write, or after they finished
 */
public record JobEdge(
        String producerId,
        String consumerId,
        int producerOutput,
        int consumerInput,
        String partitioning,
        boolean pointwise,
        ExchangeMode exchangeMode) implements Serializable {

    public boolean isBlocking() {
        return exchangeMode == ExchangeMode.BLOCKING;
    }
}
