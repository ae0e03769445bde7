package org.scimbridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries the code promises: the SCIM protocol core is plain Java (no Camel, no Spring, no
 * configuration), each sink type knows the shared sink package and not the other types, and the shared sink
 * package knows no type (so the sink packages have no cycle, and a new type is a package of its own).
 */
@AnalyzeClasses(packages = "org.scimbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule scimCoreIsFreeOfCamelSpringAndConfiguration = noClasses()
            .that().resideInAPackage("org.scimbridge.scim..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "org.scimbridge.config..")
            .because("the SCIM core (model, filter, PATCH) is protocol code, tested without a container");

    @ArchTest
    static final ArchRule sinkTypesDoNotKnowEachOther = slices()
            .matching("org.scimbridge.sink.(*)..")
            .should().notDependOnEachOther()
            .because("a sink type depends on the shared sink package only");

    @ArchTest
    static final ArchRule theSharedSinkPackageKnowsNoSinkType = noClasses()
            .that().resideInAPackage("org.scimbridge.sink")
            .should().dependOnClassesThat().resideInAnyPackage("org.scimbridge.sink.*..")
            .because("the feed stream is written once, for every type; types plug in through SinkType");
}
