package io.eddy.benchmarks.batch;

import io.eddy.api.config.Configuration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kmeans workload reproduces the generator spot value and the section-6 reference checksum. */
class KMeansWorkloadTest {
    @Test
    void theGeneratorMatchesTheSpotValue() {
        assertEquals(0x40125bcd8f2bdafcL, Double.doubleToRawLongBits(KMeansWorkload.point(0)[0]));
        assertEquals(4.5896513338582245, KMeansWorkload.point(0)[0]);
    }

    @Test
    void hundredThousandPointsGiveTheReferenceChecksum() throws Exception {
        List<String> lines = KMeansWorkload.run(new Configuration(), 100_000);
        assertTrue(lines.get(0).startsWith("CENTROIDS "), lines.get(0));
        assertEquals(10, lines.get(0).split(";").length);
        String result = lines.get(1);
        assertTrue(result.startsWith("RESULT kmeans records=100000 seconds="), result);
        assertEquals("checksum=sum:5410138,hash:03a556c2010a3c3e", result.substring(result.indexOf("checksum=")));
    }
}
