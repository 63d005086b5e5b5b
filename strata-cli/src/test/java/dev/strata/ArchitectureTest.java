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
      "dev.strata.operation..", "dev.strata.lint.."};

  /**
   * Front ends only parse, ask and render: the CLI depends on the public API ({@code dev.strata}),
   * {@code dev.strata.diag} (to render diagnostics), {@code dev.strata.config} (to resolve a
   * project from flags, environment and files) and the embedded module ({@code dev.strata.embedded}:
   * the dev database and the shadow databases it hands to the operations) — never on the engine.
   * The classes in {@link #NOT_YET_ON_THE_OPERATIONS_LAYER} are the exceptions, each with its
   * reason.
   */
  @Test
  void the_cli_reaches_the_engine_only_through_the_public_api() {
    noClasses()
        .that().resideInAPackage("dev.strata.cli..")
        .and(com.tngtech.archunit.base.DescribedPredicate.describe("are not listed as exceptions",
            (com.tngtech.archunit.core.domain.JavaClass c) -> !NOT_YET_ON_THE_OPERATIONS_LAYER.contains(c.getName().replaceAll("\\$.*", ""))))
        .should().dependOnClassesThat().resideInAnyPackage(ENGINE_PACKAGES)
        .check(classes);
  }

  /** CLI classes allowed to reach into the engine, each with its reason. */
  static final java.util.Set<String> NOT_YET_ON_THE_OPERATIONS_LAYER = java.util.Set.of(
      // Being moved onto the operations layer (issue 11); this list must end empty.
      "dev.strata.cli.SchemaInput",
      "dev.strata.cli.TerminalConsole",
      "dev.strata.cli.command.ConfigCommand",
      "dev.strata.cli.command.FormatCommand",
      "dev.strata.cli.command.ValidateCommand",
      "dev.strata.cli.command.db.DbExecuteCommand",
      "dev.strata.cli.command.db.DbPullCommand",
      "dev.strata.cli.command.db.DbPushCommand",
      "dev.strata.cli.command.db.DbSeedCommand",
      "dev.strata.cli.command.migrate.MigrateDeployCommand",
      "dev.strata.cli.command.migrate.MigrateDevCommand",
      "dev.strata.cli.command.migrate.MigrateDiffCommand",
      "dev.strata.cli.command.migrate.MigrateDownCommand",
      "dev.strata.cli.command.migrate.MigrateResetCommand",
      "dev.strata.cli.command.migrate.MigrateResolveCommand",
      "dev.strata.cli.command.migrate.MigrateStatusCommand",
      "dev.strata.cli.command.migrate.MigrateTarget",
      "dev.strata.cli.command.migrate.MigrateText");
}
