package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.compare.EmbeddedShadows;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate down} through the Java API, in two phases: {@link Strata#previewDown} then {@link Strata#down}. */
@StrataDatabase
class StrataMigrateDownIT {
  @TempDir Path project;
  Path schema;
  final List<StrataEvent> events = new ArrayList<>();
  String init;
  String notes;

  @BeforeEach
  void twoMigrationsWithRows(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, StrataMigrateDevIT.SCHEMA);
    init = strata(db).migrateDev(DevRequest.defaults().withName("init"), ScriptedConsole.nonInteractive()).created().orElseThrow();
    Files.writeString(schema, StrataMigrateDevIT.SCHEMA + "\nmodel Note {\n  id   Int    @id\n  text String\n}\n");
    notes = strata(db).migrateDev(DevRequest.defaults().withName("notes"), ScriptedConsole.nonInteractive()).created().orElseThrow();
    db.execute("INSERT INTO \"Note\" (id, text) VALUES (1, 'keep me')");
  }

  private Strata strata(TestDatabase db) {
    return Strata.of(Strata.configure().url(db.url()).schema(schema).workingDirectory(project)
        .shadowDatabases(new EmbeddedShadows()).listener(events::add).build());
  }

  @Test
  void the_preview_shows_the_down_script_and_the_data_it_drops(TestDatabase db) {
    DownPreview preview = strata(db).previewDown(DownTarget.last(1));

    assertThat(preview.refusal()).isEmpty();
    assertThat(preview.migrations()).containsExactly(notes);
    assertThat(preview.steps().get(0).sql()).contains("DROP TABLE \"Note\"");
    assertThat(preview.dataLoss()).singleElement().asString().contains("Note").contains(notes);
    assertThat(db.queryValue("SELECT text FROM \"Note\"")).hasValue("keep me");

    assertThat(strata(db).previewDown(DownTarget.after(init)).migrations()).containsExactly(notes);
    assertThat(strata(db).previewDown(DownTarget.last(2)).migrations()).containsExactly(notes, init);
  }

  @Test
  void without_consent_it_refuses_and_nothing_changes(TestDatabase db) {
    Strata strata = strata(db);
    DownPreview preview = strata.previewDown(DownTarget.last(1));

    assertThatThrownBy(() -> strata.down(preview, Consent.NONE))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(db.queryValue("SELECT text FROM \"Note\"")).hasValue("keep me");
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL")).isEmpty();
  }

  @Test
  void a_stale_preview_is_refused_and_nothing_changes(TestDatabase db) throws IOException {
    Strata strata = strata(db);
    DownPreview preview = strata.previewDown(DownTarget.last(1));
    Path down = project.resolve("prisma/migrations").resolve(notes).resolve("down.sql");
    Files.writeString(down, Files.readString(down) + "\n-- edited after the preview\n");

    assertThatThrownBy(() -> strata.down(preview, Consent.dataLoss()))
        .isInstanceOfSatisfying(StrataException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("changed since");
        });
    assertThat(db.queryValue("SELECT text FROM \"Note\"")).hasValue("keep me");
  }

  @Test
  void with_consent_it_runs_the_down_and_marks_the_migration_rolled_back(TestDatabase db) {
    Strata strata = strata(db);
    DownResult result = strata.down(strata.previewDown(DownTarget.last(1)), Consent.dataLoss());

    assertThat(result.rolledBack()).containsExactly(notes);
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_name = 'Note'")).isEmpty();
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL")).containsExactly(notes);
    assertThat(events).anyMatch(e -> e instanceof StrataEvent.RolledBack r && r.migration().equals(notes));
    assertThat(strata.status().pending()).containsExactly(notes);
  }

  @Test
  void a_migration_without_down_sql_is_refused_before_anything_runs(TestDatabase db) throws IOException {
    Files.delete(project.resolve("prisma/migrations").resolve(notes).resolve("down.sql"));
    Strata strata = strata(db);
    DownPreview preview = strata.previewDown(DownTarget.last(1));

    assertThat(preview.refusal()).hasValueSatisfying(r -> assertThat(r).contains("has no down.sql"));
    assertThatThrownBy(() -> strata.down(preview, Consent.dataLoss()))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(db.queryValue("SELECT text FROM \"Note\"")).hasValue("keep me");
  }

  @Test
  void an_unknown_target_is_a_usage_error(TestDatabase db) {
    assertThatThrownBy(() -> strata(db).previewDown(DownTarget.after("nope")))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
  }
}
