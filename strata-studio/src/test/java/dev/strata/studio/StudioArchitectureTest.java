package dev.strata.studio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The studio is a front end like the CLI: it reaches Strata only through the public API. */
class StudioArchitectureTest {
  /** Core's engine packages (as in strata-cli's ArchitectureTest). */
  static final String[] ENGINE_PACKAGES = {
      "dev.strata.migrate..", "dev.strata.postgres..", "dev.strata.prisma..", "dev.strata.schema..",
      "dev.strata.diff..", "dev.strata.plan..", "dev.strata.compare..", "dev.strata.dialect..",
      "dev.strata.operation.."};

  private static final JavaClasses STUDIO = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.strata.studio");

  @Test
  void the_studio_reaches_the_engine_only_through_the_public_api() {
    noClasses().that().resideInAPackage("dev.strata.studio..")
        .should().dependOnClassesThat().resideInAnyPackage(ENGINE_PACKAGES)
        .check(STUDIO);
  }

  @Test
  void the_studio_does_not_talk_to_the_database_itself() {
    noClasses().that().resideInAPackage("dev.strata.studio..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
        .check(STUDIO);
  }

  @Test
  void the_studio_does_not_depend_on_the_cli() {
    noClasses().that().resideInAPackage("dev.strata.studio..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.strata.cli..", "picocli..")
        .check(STUDIO);
  }
}
