package org.neuromix.app.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AI is trained only on generated sessions: no code path leads from the service's user
 * storage (uploads, sessions, the pipeline) into the training code (the session generator, model
 * fitting, evaluation in {@code engine.train}). Only the training commands of the CLI reach it.
 */
class TrainingIsolationTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.neuromix");
    }

    @Test
    void theServiceCannotReachTrainingEvenIndirectly() {
        noClasses().that().resideInAnyPackage("org.neuromix.app.account..", "org.neuromix.app.session..",
                        "org.neuromix.app.pipeline..", "org.neuromix.app.storage..", "org.neuromix.app.report..",
                        "org.neuromix.app.system..", "org.neuromix.app.web..", "org.neuromix.app")
                .should().transitivelyDependOnClassesThat().resideInAPackage("org.neuromix.engine.train..")
                .because("user audio must never reach the training code")
                .check(classes);
    }

    @Test
    void theEngineOutsideTrainingDoesNotUseIt() {
        noClasses().that().resideInAPackage("org.neuromix.engine..").and().resideOutsideOfPackage("org.neuromix.engine.train..")
                .should().dependOnClassesThat().resideInAPackage("org.neuromix.engine.train..")
                .because("inference (analysis, planner, render) must work without the training code")
                .check(classes);
    }

    @Test
    void whatUsesTrainingNeverTouchesUserStorage() {
        DescribedPredicate<JavaClass> usesTraining = new DescribedPredicate<>("use the training code") {
            @Override
            public boolean test(JavaClass type) {
                return type.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("org.neuromix.engine.train"));
            }
        };
        noClasses().that(usesTraining).should().dependOnClassesThat().resideInAnyPackage("org.neuromix.app.storage..", "org.neuromix.app.session..",
                        "org.neuromix.app.pipeline..", "org.neuromix.app.account..")
                .check(classes);
    }
}
