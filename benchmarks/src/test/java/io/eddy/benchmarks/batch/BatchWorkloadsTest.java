package io.eddy.benchmarks.batch;

import io.eddy.api.config.Configuration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The batch workloads reproduce the reference values of WORKLOADS.md section 6 at N = 1,000,000. */
class BatchWorkloadsTest {
    @Test
    void generatorsMatchTheSpotValues() {
        assertEquals(0x910a2dec89025cc1L, BatchWorkloads.sm(1, 0));
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            words.append(i == 0 ? "" : " ").append(BatchWorkloads.Vocabulary.word(i));
        }
        assertEquals("tj fux czdt dq dq hju agoa la", words.toString());
        assertEquals("eqxd", BatchWorkloads.Vocabulary.name(99_999));
        assertEquals(13_293_256_201_729L, BatchWorkloads.Vocabulary.CUMULATIVE[99_999]);
        assertEquals(-7541218347953203506L, BatchWorkloads.sm(2, 0));
        assertEquals(226900, BatchWorkloads.below(BatchWorkloads.sm(3, 0), 2_000_000));
    }

    @Test
    void wordCountChecksum() throws Exception {
        assertEquals("distinct:80958,total:1000000,hash:78b51aacb7619037",
                BatchWorkloads.run(new Configuration(), "wordcount-batch", 1_000_000).checksum());
    }

    @Test
    void sortChecksum() throws Exception {
        assertEquals("count:1000000,ties:0,unsorted:0,pos_hash:467fc5d809e62b86",
                BatchWorkloads.run(new Configuration(), "sort", 1_000_000).checksum());
    }

    @Test
    void joinChecksum() throws Exception {
        assertEquals("count:1000000,sum:9112c30fccfd2c1c,hash:dd91757346830f92",
                BatchWorkloads.run(new Configuration(), "join", 1_000_000).checksum());
    }
}
