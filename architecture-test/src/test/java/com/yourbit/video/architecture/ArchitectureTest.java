package com.yourbit.video.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.videos.VideoStatusService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module graph (web → domain → api, providers → api) and the package layers within each
 * module, checked on the compiled classes of all four modules. A violation fails the build and
 * names the classes; the module poms alone do not catch an import of a class that reaches a
 * module through another one's dependencies.
 */
@AnalyzeClasses(packages = "com.yourbit.video", locations = ArchitectureTest.WebClasses.class,
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * video-api imports none of the other modules; video-providers and video-domain only the api;
     * video-web the domain and the api, never a provider.
     */
    @ArchTest
    static final ArchRule modulesDependOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("api").definedBy("com.yourbit.video.api..")
            .layer("providers").definedBy("com.yourbit.video.providers..")
            .layer("domain").definedBy("com.yourbit.video.domain..")
            .layer("web").definedBy("com.yourbit.video.web..")
            .whereLayer("web").mayNotBeAccessedByAnyLayer()
            .whereLayer("providers").mayNotBeAccessedByAnyLayer()
            .whereLayer("domain").mayOnlyBeAccessedByLayers("web")
            .ensureAllClassesAreContainedInArchitecture();

    /** Each package is a slice: no two packages of a module reach each other, however indirectly. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().assignedFrom(new EachPackage()).should().beFreeOfCycles();

    /**
     * In video-domain the core package is at the bottom: it uses none of the packages built on it
     * (videos, limits, expiry, admin, metrics, upload, ...).
     */
    @ArchTest
    static final ArchRule domainCoreIsAtTheBottom = noClasses()
            .that().resideInAPackage("com.yourbit.video.domain")
            .should().dependOnClassesThat().resideInAPackage("com.yourbit.video.domain.*..");

    /**
     * A video's status changes in VideoStatusService only (one transaction, optimistic locking,
     * counted once): Video's state-changing methods are public for it alone.
     */
    @ArchTest
    static final ArchRule onlyTheStatusServiceChangesAVideo = noClasses()
            .that().doNotBelongToAnyOf(Video.class, VideoStatusService.class)
            .should().callMethodWhere(target(owner(type(Video.class)))
                    .and(target(nameMatching("apply|expire|noteUploadCreated|switchProvider"))));

    /** An import that found no classes would pass every rule: each module must be there. */
    @ArchTest
    static void everyModuleIsRead(JavaClasses classes) {
        assertThat(Set.of("api", "providers", "domain", "web")).allSatisfy(module ->
                assertThat(classes.stream().map(JavaClass::getPackageName))
                        .as("classes of video-" + module)
                        .anyMatch(p -> p.startsWith("com.yourbit.video." + module)));
    }

    /** One slice per package of ours. */
    static final class EachPackage implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return javaClass.getPackageName().startsWith("com.yourbit.video.")
                    ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of com.yourbit.video";
        }
    }

    /** video-web is a war, never on a classpath: its classes as the build unpacked them (web.classes). */
    static final class WebClasses implements LocationProvider {

        @Override
        public Set<Location> get(Class<?> testClass) {
            Path classes = Path.of(System.getProperty("web.classes", "target/video-web/WEB-INF/classes"));
            if (!Files.isDirectory(classes)) {
                throw new IllegalStateException("no video-web classes at " + classes.toAbsolutePath());
            }
            return Set.of(Location.of(classes));
        }
    }
}
