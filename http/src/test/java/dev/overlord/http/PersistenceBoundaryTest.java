package dev.overlord.http;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.overlord.persistence.journal.JournalConfig;
import dev.overlord.persistence.projection.CharacterProjection;
import dev.overlord.persistence.projection.GroupStatements;
import org.junit.jupiter.api.Test;

/**
 * The boundary between http and persistence, checked: http reaches the read side only through the
 * feature packages' public types (telemetry, spawns, portals, rares, combat, characterstats) and
 * the persistence root, never through the projection's or the journal's internals.
 */
class PersistenceBoundaryTest {

    static final JavaClasses HTTP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.overlord.http");

    /** The read models' packages in persistence, and the root with what they share. */
    static final String[] READ_MODELS = {
        "dev.overlord.persistence", "dev.overlord.persistence.telemetry", "dev.overlord.persistence.spawns",
        "dev.overlord.persistence.portals", "dev.overlord.persistence.rares", "dev.overlord.persistence.combat",
        "dev.overlord.persistence.characterstats"
    };

    static final ArchRule NO_PROJECTION_OR_JOURNAL_INTERNALS = noClasses()
            .that()
            .resideInAPackage("dev.overlord.http..")
            .should()
            .dependOnClassesThat(
                    resideInAnyPackage("dev.overlord.persistence.projection..", "dev.overlord.persistence.journal..")
                            .and(not(type(CharacterProjection.class)))
                            .and(not(type(JournalConfig.class))))
            .because("the projection's handlers, statements and session and the journal's DAOs are persistence's own;"
                    + " start-up wiring may name only the entry points CharacterProjection (config and init) and"
                    + " JournalConfig (the journal's settings for the actor system)");

    static final ArchRule READ_ROUTES_USE_ONLY_THE_READ_MODELS = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.overlord.http.telemetry..",
                    "dev.overlord.http.spawns..",
                    "dev.overlord.http.portals..",
                    "dev.overlord.http.rares..",
                    "dev.overlord.http.combat..",
                    "dev.overlord.http.characterstats..",
                    "dev.overlord.http.readapi..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("dev.overlord.persistence..").and(not(resideInAnyPackage(READ_MODELS))))
            .because("a read route answers from its read model's queries and rows, nothing else of persistence");

    @Test
    void httpReachesNoProjectionOrJournalInternals() {
        NO_PROJECTION_OR_JOURNAL_INTERNALS.check(HTTP);
    }

    @Test
    void readRoutesUseOnlyTheReadModels() {
        READ_ROUTES_USE_ONLY_THE_READ_MODELS.check(HTTP);
    }

    /** Proves the rule is not vacuous: an http class holding the projection's statements breaks it. */
    @Test
    void theRuleCatchesAClassThatReachesIntoTheProjection() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReachesIntoTheProjection.class);
        assertTrue(NO_PROJECTION_OR_JOURNAL_INTERNALS.evaluate(offender).hasViolation());
    }

    static final class ReachesIntoTheProjection {
        GroupStatements statements;
    }
}
