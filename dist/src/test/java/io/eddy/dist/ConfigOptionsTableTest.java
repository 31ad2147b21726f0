package io.eddy.dist;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each configuration key is declared once, and the README's options table is the one generated
 * from the declarations. Regenerate the table with
 * {@value #REGENERATE}.
 */
class ConfigOptionsTableTest {
    static final String REGENERATE = "mvn -B -o -pl dist -am verify -Dtest=ConfigOptionsTableTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Deddy.regenerate-options-table=true";

    private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

    @Test
    void everyKeyIsDeclaredOnce() throws Exception {
        List<ConfigOptionsTable.Declared> declared = ConfigOptionsTable.scan(getClass().getClassLoader());
        Map<String, List<String>> byKey = declared.stream().collect(Collectors.groupingBy(d -> d.option().key(),
                Collectors.mapping(ConfigOptionsTable.Declared::where, Collectors.toList())));
        Map<String, List<String>> twice = byKey.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), twice, "keys declared more than once: keep one declaration, next to the code "
                + "that reads it, and refer to it from the other places");
        // the scan must see every module's options, or the table would silently lose rows
        for (String key : List.of("parallelism.default", "execution.checkpointing.interval", "state.backend.type",
                "taskmanager.numberOfTaskSlots", "rest.port")) {
            assertTrue(byKey.containsKey(key), key + " was not found: is its module on the class path of dist's tests?");
        }
    }

    @Test
    void theReadmeTableIsTheOneGeneratedFromTheDeclarations() throws Exception {
        String table = ConfigOptionsTable.render(ConfigOptionsTable.scan(getClass().getClassLoader()));
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String regenerated = ConfigOptionsTable.replaceTable(readme, table);
        if (Boolean.getBoolean("eddy.regenerate-options-table")) {
            Files.writeString(README, regenerated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(regenerated, readme, "The options table in README.md is out of date; regenerate it with\n  "
                + REGENERATE + "\n");
    }
}
