package io.eddy.benchmarks.batch;

import io.eddy.api.config.Configuration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The graph workloads reproduce the reference values of WORKLOADS.md section 6 at E = 100,000. */
class GraphWorkloadsTest {
    @Test
    void pageRankChecksum() throws Exception {
        assertEquals("sum:1.000000000,top10:0:1.576100e-02;14303:5.266740e-03;13910:5.135868e-03;569:5.039371e-03;"
                        + "6955:5.035496e-03;13579:4.999319e-03;3678:4.977519e-03;1138:4.946328e-03;12094:4.922829e-03;"
                        + "1137:4.901142e-03",
                GraphWorkloads.run(new Configuration(), "pagerank", 100_000).checksum());
    }

    @Test
    void connectedComponentsChecksum() throws Exception {
        assertEquals("components:6101,largest:10269,hash:7908838bcab309b8",
                GraphWorkloads.run(new Configuration(), "connected-components", 100_000).checksum());
    }
}
