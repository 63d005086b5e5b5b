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

/** {@code migrate reset} through the Java API, in two phases: {@link Strata#previewReset()} then {@link Strata#reset}. */
@StrataDatabase
class StrataMigrateResetIT {
  @TempDir Path project;
  Path schema;
  final List<StrataEvent> events = new ArrayList<>();
  String migration;

  @BeforeEach
  void migratedDatabaseWithRows(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, StrataMigrateDevIT.SCHEMA);
    migration = strata(db).migrateDev(DevRequest.defaults().withName("init"), ScriptedConsole.nonInteractive()).created().orElseThrow();
    db.execute("INSERT INTO \"Coach\" (name) VALUES ('Ann'), ('Bob')");
  }

  private Strata strata(TestDatabase db) {
    return Strata.of(Strata.configure().url(db.url()).schema(schema).workingDirectory(project)
        .shadowDatabases(new EmbeddedShadows()).listener(events::add).build());
  }

  @Test
  void the_preview_lists_every_table_with_its_rows_and_changes_nothing(TestDatabase db) {
    ResetPreview preview = strata(db).previewReset();

    assertThat(preview.schemas()).containsExactly("public");
    assertThat(preview.dropped()).contains(new TableRows("public", "Coach", 2), new TableRows("public", "_prisma_migrations", 1));
    assertThat(preview.losesData()).isTrue();
    assertThat(preview.migrations()).containsExactly(migration);
    assertThat(preview.dropped().get(0).describe("public")).isEqualTo("Coach (2 rows)");
    assertThat(db.queryValue("SELECT count(*) FROM \"Coach\"")).hasValue("2");
  }

  @Test
  void without_consent_it_refuses_and_nothing_is_dropped(TestDatabase db) {
    Strata strata = strata(db);
    ResetPreview preview = strata.previewReset();

    assertThatThrownBy(() -> strata.reset(preview, Consent.NONE))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThatThrownBy(() -> strata.reset(preview, Consent.dataLoss()))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(db.queryValue("SELECT count(*) FROM \"Coach\"")).hasValue("2");
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations")).containsExactly(migration);
  }

  @Test
  void a_stale_preview_is_refused_and_nothing_is_dropped(TestDatabase db) {
    Strata strata = strata(db);
    ResetPreview preview = strata.previewReset();
    db.execute("INSERT INTO \"Coach\" (name) VALUES ('Cy')");

    assertThatThrownBy(() -> strata.reset(preview, Consent.reset()))
        .isInstanceOfSatisfying(StrataException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.getMessage()).contains("changed since");
        });
    assertThat(db.queryValue("SELECT count(*) FROM \"Coach\"")).hasValue("3");
  }

  @Test
  void with_consent_it_drops_everything_and_applies_the_migrations_again(TestDatabase db) {
    Strata strata = strata(db);
    db.execute("CREATE TABLE stray (id int)");
    ResetPreview preview = strata.previewReset();
    assertThat(preview.dropped()).contains(new TableRows("public", "stray", 0));

    ResetResult result = strata.reset(preview, Consent.reset());

    assertThat(result.applied()).containsExactly(migration);
    assertThat(result.dropped()).isEqualTo(preview.dropped());
    assertThat(db.queryValue("SELECT count(*) FROM \"Coach\"")).hasValue("0");
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_name = 'stray'")).isEmpty();
    assertThat(db.queryColumn("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL")).containsExactly(migration);
    assertThat(events).anyMatch(e -> e instanceof StrataEvent.DatabaseWasReset);
    assertThat(events).anyMatch(e -> e instanceof StrataEvent.Applying a && a.migration().equals(migration));
  }
}
