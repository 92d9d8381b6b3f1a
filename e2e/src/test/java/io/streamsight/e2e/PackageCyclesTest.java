package io.streamsight.e2e;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of any module reaches itself through others: each package is a capability that can
 * be read, tested and moved on its own. This module has every module's classes on its class path
 * (events, local-stack, generator-service, alert-service, spark-app), so one rule covers them all;
 * each package, the root ones included, is a slice of its own.
 */
class PackageCyclesTest {

    @Test
    void noModuleHasAPackageCycle() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.streamsight");
        slices().matching("io.streamsight.(**)").should().beFreeOfCycles().check(production);
    }
}
