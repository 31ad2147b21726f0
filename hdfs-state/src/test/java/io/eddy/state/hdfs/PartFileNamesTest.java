package io.eddy.state.hdfs;

import io.eddy.state.hdfs.PartFileNames.PartFile;
import io.eddy.state.hdfs.PartFileNames.Stage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Part file names are built and read back; other files in the directory are not taken for part files. */
class PartFileNamesTest {
    @Test
    void namesReadBackWithADashedPrefixAndASuffix() {
        PartFileNames names = new PartFileNames("daily-sales", ".csv");
        assertEquals("daily-sales-3-12.csv", names.committed(3, 12));
        assertEquals(".daily-sales-3-12.csv.inprogress", names.inProgress(3, 12));
        assertEquals(".daily-sales-3-12.csv.pending", names.pending(3, 12));
        assertEquals(new PartFile(3, 12, Stage.COMMITTED), names.parse("daily-sales-3-12.csv"));
        assertEquals(new PartFile(3, 12, Stage.IN_PROGRESS), names.parse(".daily-sales-3-12.csv.inprogress"));
        assertEquals(new PartFile(3, 12, Stage.PENDING), names.parse(".daily-sales-3-12.csv.pending"));
        for (String other : new String[] {".daily-sales-3-12.csv.crc", "..daily-sales-3-12.csv.pending.crc",
                "daily-sales-3-12", "daily-sales-3.csv", "daily-sales--12.csv", "daily-sales-x-1.csv", "_SUCCESS",
                "part-0-0", "daily-sales-3-12.csv.pending", "daily-sales-99999999999-1.csv"}) {
            assertNull(names.parse(other), other);
        }
    }

    @Test
    void prefixesAndSuffixesThatReadersWouldSkipOrConfuseAreRejected() {
        for (String prefix : new String[] {"", ".part", "_part", "a/b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PartFileNames(prefix, ""));
            assertTrue(e.getMessage().contains("prefix '" + prefix + "' is not allowed"), e.getMessage());
        }
        for (String suffix : new String[] {".pending", "x.inprogress", "/csv"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PartFileNames("p", suffix));
            assertTrue(e.getMessage().contains("suffix '" + suffix + "' is not allowed"), e.getMessage());
        }
    }
}
