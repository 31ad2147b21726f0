package io.eddy.runtime.iteration;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.types.Types;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IterationSmokeTest {
    @TempDir
    Path spillDir;

    @Test
    void addsOnePerSuperstep() throws Exception {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("8mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        IterativeDataSet<Long> loop = env.generateSequence(1, 100).iterate(5);
        DataSet<Long> result = loop.closeWith(loop.map((MapFunction<Long, Long>) x -> x + 1).returns(Types.LONG));
        List<Long> actual = result.collect().stream().sorted().collect(Collectors.toList());
        assertEquals(LongStream.rangeClosed(6, 105).boxed().collect(Collectors.toList()), actual);
    }
}
