package dev.overlord;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/** The boundaries of DESIGN.md, checked: core knows nothing of HTTP or SQL. */
class ArchitectureTest {

    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.overlord");

    static final ArchRule CORE_KNOWS_NO_HTTP_OR_SQL = noClasses()
            .that()
            .resideInAPackage("dev.overlord..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.pekko.http..", "java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..")
            .because("HTTP lives in the http module and SQL in persistence; core only speaks Pekko");

    @Test
    void coreKnowsNothingOfHttpOrSql() {
        CORE_KNOWS_NO_HTTP_OR_SQL.check(CORE);
    }

    /** Proves the rule is not vacuous: a class reaching for JDBC breaks it. */
    @Test
    void theRuleCatchesAClassThatReachesForSql() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReachesForSql.class);
        assertTrue(CORE_KNOWS_NO_HTTP_OR_SQL.evaluate(offender).hasViolation());
    }

    static final class ReachesForSql {
        Timestamp lastSeen;
    }
}
