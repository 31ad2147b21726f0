package io.eddy.dist;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The structure of the whole distribution, checked where every module is on the class path: no
 * package of Eddy forms a cycle with another (in any module or across modules), and the layers of
 * DESIGN.md hold: the runtime knows nothing of the deployments and storages built on it, and the
 * libraries and examples are written against the user's API alone. framework-api checks its own
 * rules (its dependencies on libraries) in its own ArchitectureTest.
 */
class ArchitectureTest {
    private static JavaClasses eddy;

    @BeforeAll
    static void importEddy() {
        eddy = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.eddy");
        assertTrue(eddy.size() > 800, "Eddy's classes were not found: " + eddy.size());
    }

    @Test
    void noPackageCycle() {
        slices().matching("io.eddy.(**)").should().beFreeOfCycles().check(eddy);
    }

    @Test
    void theRuntimeDoesNotDependOnWhatIsBuiltOnIt() {
        noClasses().that().resideInAPackage("io.eddy.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.eddy.state.hdfs..", "io.eddy.yarn..", "io.eddy.client..",
                        "io.eddy.gelly..", "io.eddy.ml..", "io.eddy.examples..", "io.eddy.benchmarks..")
                .check(eddy);
    }

    @Test
    void librariesAndExamplesUseTheApiOnly() {
        noClasses().that().resideInAnyPackage("io.eddy.gelly..", "io.eddy.ml..", "io.eddy.examples..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.eddy.runtime..", "io.eddy.state.hdfs..", "io.eddy.yarn..", "io.eddy.client..")
                .allowEmptyShould(true)
                .check(eddy);
    }
}
