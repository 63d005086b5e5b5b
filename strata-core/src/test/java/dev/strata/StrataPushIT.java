package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** {@code db push} through the Java API, in its two phases, on the embedded PostgreSQL. */
@StrataDatabase
class StrataPushIT {
  private static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      model Pet {
        id   Int    @id @default(autoincrement())
        name String
        kind String
      }
      """;

  @TempDir Path project;
  Path schema;
  final List<StrataEvent> events = new ArrayList<>();

  @BeforeEach
  void freshDatabaseAndProject(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, SCHEMA);
  }

  private Strata strata(TestDatabase db) {
    return Strata.configure().url(db.url()).schema(schema).listener(events::add).load();
  }

  private List<String> columns(TestDatabase db) {
    return db.queryColumn("SELECT column_name FROM information_schema.columns WHERE table_name = 'Pet' ORDER BY ordinal_position");
  }

  @Test
  void previews_then_pushes_and_is_then_in_sync(TestDatabase db) {
    Strata strata = strata(db);
    PushPreview preview = strata.previewPush(false);
    assertThat(preview.inSync()).isFalse();
    assertThat(preview.script()).contains("CREATE TABLE \"Pet\"");
    assertThat(preview.warnings()).isEmpty();
    assertThat(columns(db)).as("a preview changes nothing").isEmpty();
    assertThat(events).anyMatch(e -> e instanceof StrataEvent.SchemaLoaded);

    PushResult pushed = strata.push(preview, Consent.NONE);
    assertThat(pushed.changed()).isTrue();
    assertThat(pushed.statements()).isPositive();
    assertThat(columns(db)).containsExactly("id", "name", "kind");
    assertThat(strata.previewPush(false).inSync()).isTrue();
  }

  @Test
  void data_loss_is_shown_and_refused_without_consent(TestDatabase db) throws IOException {
    Strata strata = strata(db);
    strata.pushSchema();
    db.execute("INSERT INTO \"Pet\" (name, kind) VALUES ('Rex', 'dog')");
    Files.writeString(schema, SCHEMA.replace("  kind String\n", ""));

    PushPreview preview = strata.previewPush(false);
    assertThat(preview.warnings()).containsExactly(
        "You are about to drop the column `kind` on the `Pet` table, which still contains 1 non-null values.");
    assertThatThrownBy(() -> strata.push(preview, Consent.NONE)).isInstanceOf(StrataException.class)
        .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("nothing was changed").hasMessageContaining("`kind`");
    assertThat(columns(db)).containsExactly("id", "name", "kind");

    PushResult accepted = strata.push(preview, Consent.dataLoss());
    assertThat(accepted.acceptedWarnings()).hasSize(1);
    assertThat(columns(db)).containsExactly("id", "name");
  }

  @Test
  void a_stale_preview_is_refused(TestDatabase db) throws IOException {
    Strata strata = strata(db);
    strata.pushSchema();
    db.execute("INSERT INTO \"Pet\" (name, kind) VALUES ('Rex', 'dog')");
    Files.writeString(schema, SCHEMA.replace("  kind String\n", ""));
    PushPreview preview = strata.previewPush(false);

    db.execute("INSERT INTO \"Pet\" (name, kind) VALUES ('Tom', 'cat')"); // the warning now counts 2 rows
    assertThatThrownBy(() -> strata.push(preview, Consent.dataLoss())).isInstanceOf(StrataException.class)
        .hasMessageContaining("changed since the push was previewed");
    assertThat(columns(db)).containsExactly("id", "name", "kind");
    assertThat(db.queryColumn("SELECT name FROM \"Pet\" ORDER BY id")).containsExactly("Rex", "Tom");
  }

  @Test
  void a_reset_lists_what_it_drops_and_needs_consent(TestDatabase db) {
    Strata strata = strata(db);
    strata.pushSchema();
    db.execute("INSERT INTO \"Pet\" (name, kind) VALUES ('Rex', 'dog'), ('Tom', 'cat'); CREATE TABLE notes (t text); INSERT INTO notes VALUES ('x')");

    PushPreview preview = strata.previewPush(true);
    assertThat(preview.reset()).isTrue();
    assertThat(preview.schemas()).containsExactly("public");
    assertThat(preview.dropped()).containsExactlyInAnyOrder(
        new TableRows("public", "Pet", 2), new TableRows("public", "notes", 1));
    assertThat(preview.script()).contains("CREATE TABLE \"Pet\"");

    assertThatThrownBy(() -> strata.push(preview, Consent.dataLoss())).isInstanceOf(StrataException.class)
        .hasMessageContaining("nothing was changed").hasMessageContaining("Pet (2 rows)");
    assertThat(db.queryColumn("SELECT count(*)::text FROM \"Pet\"")).containsExactly("2");
    assertThat(db.queryColumn("SELECT count(*)::text FROM notes")).containsExactly("1");

    events.clear();
    PushResult pushed = strata.push(preview, Consent.reset());
    assertThat(pushed.changed()).isTrue();
    assertThat(db.queryColumn("SELECT count(*)::text FROM \"Pet\"")).containsExactly("0");
    assertThat(db.queryColumn("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).containsExactly("Pet");
    assertThat(events).anyMatch(e -> e instanceof StrataEvent.SchemaReset r && r.schemas().equals(List.of("public")));
  }

  @Test
  void an_invalid_schema_throws_with_its_diagnostics(TestDatabase db) throws IOException {
    Files.writeString(schema, SCHEMA.replace("String\n", "Strin\n"));
    assertThatThrownBy(() -> strata(db).previewPush(false)).isInstanceOf(InvalidSchemaException.class)
        .satisfies(e -> assertThat(((InvalidSchemaException) e).diagnostics()).isNotEmpty());
    assertThat(columns(db)).isEmpty();
  }
}
