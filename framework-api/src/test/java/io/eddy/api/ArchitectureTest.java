package io.eddy.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The structure framework-api keeps: it is the user's contract, so it depends on nothing of Eddy
 * but itself (no runtime), only on the JDK and the libraries its pom declares; and its packages
 * form no cycle, so each concept can be read (and left out) on its own.
 */
class ArchitectureTest {
    private static JavaClasses api;

    @BeforeAll
    static void importApi() {
        api = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.eddy.api");
        assertTrue(api.size() > 200, "the API's classes were not found: " + api.size());
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.eddy.api.(**)").should().beFreeOfCycles().check(api);
    }

    @Test
    void dependsOnlyOnItselfTheJdkAndDeclaredLibraries() {
        classes().that().resideInAPackage("io.eddy.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.eddy.api..",
                        "java..",
                        // the libraries framework-api's pom declares
                        "com.esotericsoftware..", // Kryo
                        "org.objenesis..", // Kryo's instantiation without constructors
                        "com.google.common..", // Guava
                        "org.slf4j..")
                .check(api);
    }
}
