package io.eddy.yarn.highavailability;

import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobmanager.JobGraphStore.StoredJob;
import io.eddy.runtime.translation.JobGraphCompiler;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.List;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job graph store on a Hadoop file system (the local one here): what is put is recovered whole until removed. */
class FileSystemJobGraphStoreTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void keepsJobsWithTheirJarsUntilTheyAreRemoved() throws Exception {
        FileSystem fs = FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
        Path storeDir = new Path(dir.resolve("ha/application_1_0001").toUri());
        FileSystemJobGraphStore store = new FileSystemJobGraphStore(fs, storeDir);
        assertEquals(List.of(), store.recover(dir.resolve("jars-none")), "nothing stored yet");

        java.nio.file.Path jar = dir.resolve("job.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("marker.txt"));
            out.write("user code".getBytes());
        }
        JobGraph first = job("first", 2);
        JobGraph second = job("second", 3);
        store.put(first, new UserCode(getClass().getClassLoader(), jar));
        store.put(second, new UserCode(getClass().getClassLoader(), jar));
        // a job from this JVM has no jar to keep: it is not stored
        store.put(job("in-process", 1), UserCode.inProcess(getClass().getClassLoader()));

        java.nio.file.Path jars = dir.resolve("jars");
        List<StoredJob> recovered = store.recover(jars);
        assertEquals(List.of("first", "second"), recovered.stream().map(j -> j.job().getName()).sorted().toList());
        StoredJob recoveredFirst = recovered.stream().filter(j -> j.job().getName().equals("first")).findFirst().orElseThrow();
        assertEquals(first.getJobId(), recoveredFirst.job().getJobId());
        assertEquals(first.getVertices().stream().map(JobVertex::getName).toList(),
                recoveredFirst.job().getVertices().stream().map(JobVertex::getName).toList());
        assertEquals(2, recoveredFirst.job().getMaximumParallelism());
        assertEquals(jars, recoveredFirst.userCode().jar().getParent(), "the jar is where TaskManagers fetch jars");
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(recoveredFirst.userCode().jar()));
        assertTrue(recoveredFirst.userCode().classLoader().getResource("marker.txt") != null, "loads from the jar");

        store.remove(first.getJobId());
        store.remove(first.getJobId()); // removing twice is harmless
        assertEquals(List.of("second"), store.recover(jars).stream().map(j -> j.job().getName()).toList());
        assertEquals(List.of(), List.of(fs.listStatus(storeDir)).stream()
                .map(s -> s.getPath().getName()).filter(n -> n.contains(".writing")).toList(), "no temporary file left");
    }

    private static JobGraph job(String name, int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.fromSequence(0, 9).map(x -> x * 2).sinkTo(new DiscardingSink<>());
        return JobGraphCompiler.compile(env.getPipeline(name));
    }
}
