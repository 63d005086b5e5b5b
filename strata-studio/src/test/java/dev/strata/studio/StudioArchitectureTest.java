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
      "dev.strata.operation..",
      // The health and backup modules' engines: the studio uses their façades (dev.strata.health, dev.strata.backup) only.
      "dev.strata.health.check..", "dev.strata.health.config..", "dev.strata.health.indexes..", "dev.strata.health.metrics..",
      "dev.strata.health.queries..", "dev.strata.health.report..", "dev.strata.health.snapshot..",
      "dev.strata.backup.crypto..", "dev.strata.backup.dump..", "dev.strata.backup.hook..", "dev.strata.backup.manifest..",
      "dev.strata.backup.retention..", "dev.strata.backup.run..", "dev.strata.backup.schedule..", "dev.strata.backup.storage.."};

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
    // StudioPool builds the data pages' pool (a javax.sql.DataSource handed to StrataConfig); it runs no SQL.
    noClasses().that().resideInAPackage("dev.strata.studio..").and().doNotHaveFullyQualifiedName("dev.strata.studio.StudioPool")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
        .check(STUDIO);
    noClasses().that().haveFullyQualifiedName("dev.strata.studio.StudioPool")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..")
        .check(STUDIO);
  }

  @Test
  void the_studio_does_not_depend_on_the_cli() {
    noClasses().that().resideInAPackage("dev.strata.studio..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.strata.cli..", "picocli..")
        .check(STUDIO);
  }
}
