package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.compare.Comparison;
import dev.strata.compare.EmbeddedShadows;
import dev.strata.diag.SourceFile;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.postgres.inspect.PgInspector;
import dev.strata.schema.DatabaseSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate dev}'s lock-safe plans through the Java API on the embedded PostgreSQL: changes to
 * tables the history already has get a second, non-transactional migration (indexes {@code
 * CONCURRENTLY}, foreign keys {@code NOT VALID} then {@code VALIDATE}, {@code SET NOT NULL} through a
 * validated {@code CHECK}, unique through a concurrent unique index) that leaves the very schema
 * Prisma's SQL leaves, with a {@code down.sql} that reverts it; tables new in the migration keep
 * Prisma's SQL, and {@code prismaSql} keeps Prisma's SQL for everything.
 */
@StrataDatabase
class StrataLockSafePlansIT {
  static final String BEFORE =
      """
      datasource db {
        provider = "postgresql"
      }

      model Team {
        id   Int    @id @default(autoincrement())
        name String
      }

      model Player {
        id     Int     @id @default(autoincrement())
        email  String?
        nick   String?
        teamId Int?
      }
      """;

  /** Every recipe at once: SET NOT NULL, a unique index, a plain index, a foreign key, all on existing tables. */
  static final String AFTER =
      """
      datasource db {
        provider = "postgresql"
      }

      model Team {
        id      Int      @id @default(autoincrement())
        name    String
        players Player[]
      }

      model Player {
        id     Int     @id @default(autoincrement())
        email  String
        nick   String? @unique
        teamId Int?
        team   Team?   @relation(fields: [teamId], references: [id])

        @@index([teamId])
      }
      """;

  @TempDir Path root;

  @BeforeEach
  void emptyDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }

  private static Strata strata(TestDatabase db, Path project) {
    return Strata.of(Strata.configure().url(db.url()).schema(project.resolve("prisma/schema.prisma")).workingDirectory(project)
        .shadowDatabases(new EmbeddedShadows()).build());
  }

  private static Path project(Path root, String name, String schema) throws IOException {
    Path project = root.resolve(name);
    Files.createDirectories(project.resolve("prisma"));
    Files.writeString(project.resolve("prisma/schema.prisma"), schema);
    return project;
  }

  private static DevResult dev(TestDatabase db, Path project, String name, boolean prismaSql) {
    return strata(db, project).migrateDev(DevRequest.defaults().withName(name).withPrismaSql(prismaSql).withAcceptDataLoss(true), ScriptedConsole.nonInteractive());
  }

  private static List<String> folders(Path project) throws IOException {
    try (Stream<Path> list = Files.list(project.resolve("prisma/migrations"))) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String sql(Path project, String folder, String file) throws IOException {
    return Files.readString(project.resolve("prisma/migrations").resolve(folder).resolve(file));
  }

  private static DatabaseSchema inspect(TestDatabase db) {
    return PgInspector.inspect(db.connection(), InspectOptions.defaults());
  }

  /** A database at BEFORE with rows in both tables, migrated to AFTER; returns the schema it ends with. */
  private static DatabaseSchema migrate(TestDatabase db, Path project, boolean prismaSql) throws IOException {
    assertThat(dev(db, project, "init", prismaSql).outcome()).isEqualTo(DevResult.Outcome.CREATED);
    db.execute("INSERT INTO \"Team\" (name) VALUES ('red'), ('blue')");
    db.execute("INSERT INTO \"Player\" (email, nick, \"teamId\") SELECT 'p' || g || '@x', 'n' || g, 1 + g % 2 FROM generate_series(1, 500) g");
    Files.writeString(project.resolve("prisma/schema.prisma"), AFTER);
    DevResult result = dev(db, project, "links", prismaSql);
    assertThat(result.outcome()).isEqualTo(DevResult.Outcome.CREATED);
    assertThat(result.downVerified()).isTrue();
    assertThat(result.lockSafe().isPresent()).isEqualTo(!prismaSql);
    return inspect(db);
  }

  @Test
  void existing_tables_get_the_lock_safe_recipes_and_the_same_schema_as_prismas_sql(TestDatabase db) throws IOException {
    Path safe = project(root, "safe", BEFORE);
    DatabaseSchema safeSchema = migrate(db, safe, false);

    List<String> folders = folders(safe);
    assertThat(folders).hasSize(2);
    assertThat(sql(safe, folders.get(0), "migration.sql")).doesNotContain("CONCURRENTLY").contains("CREATE TABLE \"Player\"");
    String up = sql(safe, folders.get(1), "migration.sql");
    assertThat(up)
        .contains("CREATE UNIQUE INDEX CONCURRENTLY \"Player_nick_key\" ON \"Player\"(\"nick\");")
        .contains("CREATE INDEX CONCURRENTLY \"Player_teamId_idx\" ON \"Player\"(\"teamId\");")
        .contains("ADD CONSTRAINT \"Player_teamId_fkey\" FOREIGN KEY (\"teamId\") REFERENCES \"Team\"(\"id\") ON DELETE SET NULL"
            + " ON UPDATE CASCADE NOT VALID;\nCOMMIT;")
        .contains("BEGIN;\nALTER TABLE \"Player\" VALIDATE CONSTRAINT \"Player_teamId_fkey\";\nCOMMIT;")
        .contains("ALTER TABLE \"Player\" ADD CONSTRAINT \"Player_email_not_null\" CHECK (\"email\" IS NOT NULL) NOT VALID;")
        .contains("ALTER TABLE \"Player\" VALIDATE CONSTRAINT \"Player_email_not_null\";")
        .contains("ALTER TABLE \"Player\" ALTER COLUMN \"email\" SET NOT NULL;")
        .contains("ALTER TABLE \"Player\" DROP CONSTRAINT \"Player_email_not_null\";");
    assertThat(sql(safe, folders.get(1), "down.sql")).contains("DROP INDEX CONCURRENTLY \"Player_teamId_idx\";")
        .contains("DROP NOT NULL");
    assertThat(db.queryColumn("SELECT conname FROM pg_constraint WHERE conname LIKE '%not_null'")).isEmpty();
    assertThat(db.queryColumn("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid")).isEmpty();
    assertThat(dev(db, safe, "again", false).outcome()).isEqualTo(DevResult.Outcome.IN_SYNC);

    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    Path plain = project(root, "plain", BEFORE);
    DatabaseSchema prismaSchema = migrate(db, plain, true);

    assertThat(folders(plain)).hasSize(2);
    String prisma = sql(plain, folders(plain).get(1), "migration.sql");
    assertThat(prisma).doesNotContain("CONCURRENTLY").doesNotContain("NOT VALID").doesNotContain("BEGIN")
        .contains("ALTER COLUMN \"email\" SET NOT NULL").contains("CREATE UNIQUE INDEX \"Player_nick_key\"");
    assertThat(Comparison.of(safeSchema, prismaSchema).isEmpty()).isTrue();
    assertThat(Comparison.of(prismaSchema, safeSchema).isEmpty()).isTrue();
  }

  @Test
  void down_sql_reverts_the_lock_safe_migration(TestDatabase db) throws IOException {
    Path safe = project(root, "safe", BEFORE);
    assertThat(dev(db, safe, "init", false).outcome()).isEqualTo(DevResult.Outcome.CREATED);
    db.execute("INSERT INTO \"Team\" (name) VALUES ('red')");
    db.execute("INSERT INTO \"Player\" (email, nick, \"teamId\") VALUES ('a@x', 'a', 1), ('b@x', NULL, NULL)");
    DatabaseSchema before = inspect(db);
    Files.writeString(safe.resolve("prisma/schema.prisma"), AFTER);
    assertThat(dev(db, safe, "links", false).downVerified()).isTrue();
    assertThat(Comparison.of(before, inspect(db)).isEmpty()).isFalse();

    Strata strata = strata(db, safe);
    DownPreview preview = strata.previewDown(DownTarget.last(1));
    assertThat(preview.refusal()).isEmpty();
    strata.down(preview, Consent.dataLoss());

    assertThat(Comparison.of(before, inspect(db)).isEmpty()).isTrue();
    assertThat(db.queryColumn("SELECT email FROM \"Player\" ORDER BY id")).containsExactly("a@x", "b@x");
  }

  @Test
  void tables_new_in_the_migration_keep_prismas_plain_sql(TestDatabase db) throws IOException {
    Path project = project(root, "mixed", BEFORE);
    assertThat(dev(db, project, "init", false).outcome()).isEqualTo(DevResult.Outcome.CREATED);
    Files.writeString(project.resolve("prisma/schema.prisma"), BEFORE.replace("  teamId Int?\n", "  teamId Int?\n\n  @@index([nick])\n")
        + """

        model Match {
          id       Int    @id @default(autoincrement())
          homeId   Int
          home     Team   @relation(fields: [homeId], references: [id])
          code     String @unique

          @@index([homeId])
        }
        """);
    Files.writeString(project.resolve("prisma/schema.prisma"), Files.readString(project.resolve("prisma/schema.prisma"))
        .replace("  name String\n}", "  name    String\n  matches Match[]\n}"));
    DevResult result = dev(db, project, "matches", false);
    assertThat(result.outcome()).isEqualTo(DevResult.Outcome.CREATED);
    assertThat(result.downVerified()).isTrue();

    List<String> folders = folders(project);
    assertThat(folders).hasSize(3);
    assertThat(folders.get(1)).endsWith("_matches");
    assertThat(folders.get(2)).endsWith("_matches_lock_safe");
    assertThat(result.created()).hasValue(folders.get(1));
    assertThat(result.lockSafe()).hasValue(folders.get(2));
    String first = sql(project, folders.get(1), "migration.sql");
    assertThat(first).doesNotContain("CONCURRENTLY").doesNotContain("NOT VALID")
        .contains("CREATE TABLE \"Match\"")
        .contains("CREATE UNIQUE INDEX \"Match_code_key\" ON \"Match\"(\"code\");")
        .contains("CREATE INDEX \"Match_homeId_idx\" ON \"Match\"(\"homeId\");")
        .contains("ALTER TABLE \"Match\" ADD CONSTRAINT \"Match_homeId_fkey\" FOREIGN KEY (\"homeId\") REFERENCES \"Team\"(\"id\")"
            + " ON DELETE RESTRICT ON UPDATE CASCADE;");
    String second = sql(project, folders.get(2), "migration.sql");
    assertThat(second).contains("CREATE INDEX CONCURRENTLY \"Player_nick_idx\" ON \"Player\"(\"nick\");").doesNotContain("Match");
    assertThat(db.queryColumn("SELECT indexname FROM pg_indexes WHERE indexname = 'Player_nick_idx'")).containsExactly("Player_nick_idx");
    assertThat(dev(db, project, "again", false).outcome()).isEqualTo(DevResult.Outcome.IN_SYNC);
  }

  @Test
  void prisma_sql_keeps_prismas_exact_sql_for_existing_tables(TestDatabase db) throws IOException {
    Path project = project(root, "prisma", BEFORE);
    assertThat(dev(db, project, "init", true).outcome()).isEqualTo(DevResult.Outcome.CREATED);
    Path schemaFile = project.resolve("prisma/schema.prisma");
    Files.writeString(schemaFile, AFTER);
    String expected = strata(db, project).diff(new SchemaSource.Migrations(project.resolve("prisma/migrations"), "migrations"),
        new SchemaSource.PrismaSchemaFiles(List.of(new SourceFile("schema.prisma", AFTER)), "schema.prisma")).script();
    DevResult result = dev(db, project, "links", true);

    String written = sql(project, result.created().orElseThrow(), "migration.sql");
    assertThat(folders(project)).hasSize(2);
    assertThat(written).endsWith(expected).doesNotContain("CONCURRENTLY").doesNotContain("NOT VALID");
  }
}
