package dev.strata;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package layering of ARCHITECTURE.md, enforced: dependencies point downward only. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.strata");
  }

  @Test
  void nothing_outside_the_cli_depends_on_the_cli() {
    noClasses()
        .that().resideOutsideOfPackage("dev.strata.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.strata.cli..")
        .check(classes);
  }

  @Test
  void the_core_library_does_not_depend_on_picocli() {
    noClasses()
        .that().resideOutsideOfPackage("dev.strata.cli..")
        .should().dependOnClassesThat().resideInAPackage("picocli..")
        .check(classes);
  }

  @Test
  void only_the_postgres_package_talks_to_the_jdbc_driver() {
    noClasses()
        .that().resideOutsideOfPackages("dev.strata.postgres..", "dev.strata.embedded..")
        .should().dependOnClassesThat().resideInAPackage("org.postgresql..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void diagnostics_depend_on_nothing_else_in_strata() {
    noClasses()
        .that().resideInAPackage("dev.strata.diag..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.strata.prisma..", "dev.strata.config..", "dev.strata.schema..", "dev.strata.cli..")
        .check(classes);
  }

  @Test
  void the_prisma_ast_knows_nothing_of_the_stages_that_use_it() {
    noClasses()
        .that().resideInAPackage("dev.strata.prisma.ast..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.strata.prisma.parse..", "dev.strata.prisma.validate..", "dev.strata.prisma.format..",
            "dev.strata.config..")
        .check(classes);
  }

  @Test
  void the_parser_does_not_depend_on_validation_or_formatting() {
    noClasses()
        .that().resideInAPackage("dev.strata.prisma.parse..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.strata.prisma.validate..", "dev.strata.prisma.format..")
        .check(classes);
  }

  @Test
  void configuration_does_not_depend_on_the_schema_front_end() {
    noClasses()
        .that().resideInAPackage("dev.strata.config..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.strata.prisma..")
        .check(classes);
  }

  @Test
  void the_schema_ir_has_no_jdbc_in_it() {
    noClasses()
        .that().resideInAPackage("dev.strata.schema..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * The engine packages of core: a front end reaches them only through the operations of the
   * public API ({@code dev.strata}: the {@code Strata} façade, its settings and result records).
   */
  static final String[] ENGINE_PACKAGES = {
      "dev.strata.migrate..", "dev.strata.postgres..", "dev.strata.prisma..", "dev.strata.schema..",
      "dev.strata.diff..", "dev.strata.plan..", "dev.strata.compare..", "dev.strata.dialect..",
      "dev.strata.operation..", "dev.strata.lint..",
      // strata-health: the CLI goes through dev.strata.health (the Health façade and its records) only
      "dev.strata.health.check..", "dev.strata.health.config..", "dev.strata.health.report..", "dev.strata.health.snapshot..",
      "dev.strata.health.metrics..", "dev.strata.health.indexes..", "dev.strata.health.queries..",
      // the backup module's engine: the CLI uses its façade, dev.strata.backup.Backups
      "dev.strata.backup.dump..", "dev.strata.backup.manifest..", "dev.strata.backup.storage..", "dev.strata.backup.retention..",
      "dev.strata.backup.run.."};

  /**
   * Front ends only parse, ask and render: the CLI depends on the public API ({@code dev.strata}),
   * {@code dev.strata.diag} (to render diagnostics), {@code dev.strata.config} (to resolve a
   * project from flags, environment and files) and the embedded module ({@code dev.strata.embedded}:
   * the dev database and the shadow databases it hands to the operations) — never on the engine.
   * No exceptions.
   */
  @Test
  void the_cli_reaches_the_engine_only_through_the_public_api() {
    noClasses()
        .that().resideInAPackage("dev.strata.cli..")
        .should().dependOnClassesThat().resideInAnyPackage(ENGINE_PACKAGES)
        .check(classes);
  }
}
