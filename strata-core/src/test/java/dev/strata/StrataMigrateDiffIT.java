package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.compare.EmbeddedShadows;
import dev.strata.config.DatabaseUrl;
import dev.strata.diag.SourceFile;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate diff} through the Java API: {@link Strata#diff(SchemaSource, SchemaSource)} between any two sources. */
@StrataDatabase
class StrataMigrateDiffIT {
  @TempDir Path project;
  Path schema;

  @BeforeEach
  void freshDatabaseAndProject(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, StrataMigrateDevIT.SCHEMA);
  }

  private static SchemaSource.PrismaSchemaFiles prisma(String text) {
    return new SchemaSource.PrismaSchemaFiles(List.of(new SourceFile("schema.prisma", text)), "schema.prisma");
  }

  private Strata strata() {
    return Strata.of(Strata.configure().workingDirectory(project).shadowDatabases(new EmbeddedShadows()).build());
  }

  @Test
  void from_empty_to_a_schema_is_the_create_script() {
    DiffResult result = strata().diff(new SchemaSource.Empty(), prisma(StrataMigrateDevIT.SCHEMA));

    assertThat(result.empty()).isFalse();
    assertThat(result.script()).contains("CREATE TABLE \"Coach\"");
    assertThat(result.summary()).contains("Coach");
  }

  @Test
  void a_migrations_folder_replayed_on_the_shadow_equals_its_schema(TestDatabase db) {
    Strata.of(Strata.configure().url(db.url()).schema(schema).workingDirectory(project).shadowDatabases(new EmbeddedShadows()).build())
        .migrateDev(DevRequest.defaults().withName("init").withCreateOnly(true), ScriptedConsole.nonInteractive());
    Path migrations = project.resolve("prisma/migrations");

    DiffResult same = strata().diff(new SchemaSource.Migrations(migrations, "migrations"), prisma(StrataMigrateDevIT.SCHEMA));
    assertThat(same.empty()).isTrue();

    DiffResult more = strata().diff(new SchemaSource.Migrations(migrations, "migrations"),
        prisma(StrataMigrateDevIT.SCHEMA.replace("  phone String?\n", "")));
    assertThat(more.script()).contains("DROP COLUMN \"phone\"");
    assertThat(more.warnings()).anyMatch(w -> w.contains("phone"));
  }

  @Test
  void a_database_compared_with_empty_is_dropped(TestDatabase db) {
    db.execute("CREATE TABLE \"Stray\" (id int PRIMARY KEY)");

    DiffResult result = strata().diff(new SchemaSource.Database(DatabaseUrl.parse(db.url()), "--from-url"), new SchemaSource.Empty());

    assertThat(result.empty()).isFalse();
    assertThat(result.script()).contains("DROP TABLE \"Stray\"");
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_name = 'Stray'")).containsExactly("Stray");
  }

  @Test
  void an_invalid_schema_side_carries_its_diagnostics() {
    assertThatThrownBy(() -> strata().diff(new SchemaSource.Empty(), prisma("model {")))
        .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.diagnostics()).anyMatch(d -> d.isError()));
  }

  @Test
  void a_migrations_side_without_a_shadow_database_says_so() throws IOException {
    Path migrations = Files.createDirectories(project.resolve("prisma/migrations"));
    Strata noShadow = Strata.of(Strata.configure().workingDirectory(project).build());

    assertThatThrownBy(() -> noShadow.diff(new SchemaSource.Migrations(migrations, "migrations"), new SchemaSource.Empty()))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG));
  }
}
