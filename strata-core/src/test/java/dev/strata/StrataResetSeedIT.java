package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.compare.EmbeddedShadows;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed after a reset, and a reset stopped by its {@link Cancellation}, through the Java API. */
@StrataDatabase
class StrataResetSeedIT {
  @TempDir Path project;
  Path schema;
  final List<StrataEvent> events = new ArrayList<>();

  @BeforeEach
  void migratedDatabase(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    schema = project.resolve("prisma/schema.prisma");
    Files.createDirectories(schema.getParent());
    Files.writeString(schema, StrataMigrateDevIT.SCHEMA);
    strata(db).migrateDev(DevRequest.defaults().withName("init"), ScriptedConsole.nonInteractive());
    db.execute("INSERT INTO \"Coach\" (name) VALUES ('Ann')");
  }

  private Strata strata(TestDatabase db) {
    return Strata.of(Strata.configure().url(db.url()).schema(schema).workingDirectory(project)
        .shadowDatabases(new EmbeddedShadows()).listener(events::add).build());
  }

  @Test
  void the_reset_runs_seed_sql_and_says_so_unless_skipped(TestDatabase db) throws IOException {
    Files.writeString(project.resolve("prisma/seed.sql"), "INSERT INTO \"Coach\" (name) VALUES ('Seeded');\nINSERT INTO \"Coach\" (name) VALUES ('Too');\n");
    Strata strata = strata(db);
    StringWriter out = new StringWriter();

    ResetResult result = strata.reset(strata.previewReset(), Consent.reset(), SeedOptions.to(out, out));

    assertThat(result.seed()).hasValueSatisfying(seed -> {
      assertThat(seed.script()).hasValue("prisma/seed.sql");
      assertThat(seed.command()).isEmpty();
      assertThat(seed.statements()).isEqualTo(2);
    });
    assertThat(events).anyMatch(e -> e instanceof StrataEvent.Seeding s && s.script().equals(java.util.Optional.of("prisma/seed.sql")));
    assertThat(db.queryValue("SELECT string_agg(name, ',' ORDER BY name) FROM \"Coach\"")).hasValue("Seeded,Too");

    ResetResult skipped = strata.reset(strata.previewReset(), Consent.reset(), SeedOptions.none());
    assertThat(skipped.seed()).isEmpty();
    assertThat(db.queryValue("SELECT count(*) FROM \"Coach\"")).hasValue("0");
  }

  @Test
  void a_failing_seed_says_the_reset_was_done(TestDatabase db) throws IOException {
    Files.writeString(project.resolve("prisma/seed.sql"), "INSERT INTO \"Nope\" VALUES (1);\n");
    Strata strata = strata(db);

    assertThatThrownBy(() -> strata.reset(strata.previewReset(), Consent.reset(), SeedOptions.to(new StringWriter(), new StringWriter())))
        .isInstanceOf(StrataException.class)
        .hasMessageContaining("The database was reset and migrated; only the seed failed.");
    assertThat(db.queryValue("SELECT count(*) FROM \"Coach\"")).hasValue("0");
  }

  @Test
  void a_cancelled_reset_stops_before_applying_and_says_what_it_left(TestDatabase db) {
    Strata strata = strata(db);
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();

    assertThatThrownBy(() -> strata.reset(strata.previewReset(), Consent.reset(), SeedOptions.none(), cancellation))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERRUPTED))
        .hasMessageContaining("migrate reset was cancelled").hasMessageContaining("No migration was applied by this run.");
    assertThat(db.queryValue("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'Coach'")).hasValue("0");
  }
}
