package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.compare.EmbeddedShadows;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate dev} through the Java API: {@link Strata#migrateDev(DevRequest, DevConsole)} on the embedded PostgreSQL. */
@StrataDatabase
class StrataMigrateDevIT {
  static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      model Coach {
        id    Int    @id @default(autoincrement())
        name  String
        phone String?
      }
      """;

  @TempDir Path project;
  Path schema;

  @BeforeEach
  void freshDatabaseAndProject(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
  }

  private Strata strata(TestDatabase db) {
    return Strata.of(Strata.configure().url(db.url()).schema(schema).workingDirectory(project).shadowDatabases(new EmbeddedShadows()).build());
  }

  @Test
  void creates_applies_and_verifies_the_first_migration(TestDatabase db) throws IOException {
    DevResult result = strata(db).migrateDev(DevRequest.defaults().withName("init"), ScriptedConsole.nonInteractive());

    assertThat(result.outcome()).isEqualTo(DevResult.Outcome.CREATED);
    assertThat(result.created()).hasValueSatisfying(name -> assertThat(name).endsWith("_init"));
    assertThat(result.applied()).containsExactly(result.created().get());
    assertThat(result.downVerified()).isTrue();
    assertThat(result.reset()).isFalse();
    Path folder = project.resolve("prisma/migrations").resolve(result.created().get());
    assertThat(Files.readString(folder.resolve("migration.sql"))).contains("CREATE TABLE \"Coach\"");
    assertThat(folder.resolve("down.sql")).exists();
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_name = 'Coach'")).containsExactly("Coach");

    DevResult again = strata(db).migrateDev(DevRequest.defaults(), ScriptedConsole.nonInteractive());
    assertThat(again.outcome()).isEqualTo(DevResult.Outcome.IN_SYNC);
  }

  @Test
  void create_only_writes_the_migration_without_applying_it(TestDatabase db) {
    DevResult result = strata(db).migrateDev(DevRequest.defaults().withName("init").withCreateOnly(true), ScriptedConsole.nonInteractive());

    assertThat(result.outcome()).isEqualTo(DevResult.Outcome.CREATED);
    assertThat(result.applied()).isEmpty();
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_name = 'Coach'")).isEmpty();
  }

  @Test
  void data_loss_is_refused_without_consent_and_nothing_changes(TestDatabase db) throws IOException {
    strata(db).migrateDev(DevRequest.defaults().withName("init"), ScriptedConsole.nonInteractive());
    db.execute("INSERT INTO \"Coach\" (name, phone) VALUES ('Ann', '555')");
    Files.writeString(schema, SCHEMA.replace("  phone String?\n", ""));

    ScriptedConsole console = ScriptedConsole.nonInteractive();
    DevResult refused = strata(db).migrateDev(DevRequest.defaults().withName("drop_phone"), console);
    assertThat(refused.outcome()).isEqualTo(DevResult.Outcome.REFUSED);
    assertThat(refused.refusal()).isPresent();
    assertThat(String.join("\n", console.said)).contains("phone");
    assertThat(db.queryValue("SELECT phone FROM \"Coach\"")).hasValue("555");
    try (var folders = Files.list(project.resolve("prisma/migrations"))) {
      assertThat(folders.filter(Files::isDirectory).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith("_drop_phone"));
    }

    ScriptedConsole yes = ScriptedConsole.answering("y");
    DevResult accepted = strata(db).migrateDev(DevRequest.defaults().withName("drop_phone"), yes);
    assertThat(accepted.outcome()).isEqualTo(DevResult.Outcome.CREATED);
    assertThat(yes.asked).isNotEmpty();
    assertThat(db.queryColumn("SELECT column_name FROM information_schema.columns WHERE table_name = 'Coach' AND column_name = 'phone'"))
        .isEmpty();
  }

  @Test
  void an_invalid_schema_is_refused_with_its_diagnostics(TestDatabase db) throws IOException {
    Files.writeString(schema, SCHEMA.replace("String?", "Strin?"));

    assertThatThrownBy(() -> strata(db).migrateDev(DevRequest.defaults().withName("init"), ScriptedConsole.nonInteractive()))
        .isInstanceOfSatisfying(InvalidSchemaException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.diagnostics()).anyMatch(d -> d.isError());
          assertThat(e.getMessage()).contains("nothing was changed");
        });
    assertThat(project.resolve("prisma/migrations")).doesNotExist();
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).isEmpty();
  }

  @Test
  void a_malformed_rename_is_a_usage_error() {
    assertThatThrownBy(() -> new DevRequest(java.util.Optional.empty(), false, false, false, List.of("nonsense"), java.time.Clock.systemUTC()))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
  }

  @Test
  void without_a_url_it_says_what_is_missing() {
    Strata offline = Strata.of(Strata.configure().schema(schema).shadowDatabases(new EmbeddedShadows()).build());
    assertThatThrownBy(() -> offline.migrateDev(DevRequest.defaults(), ScriptedConsole.nonInteractive()))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG));
  }
}
