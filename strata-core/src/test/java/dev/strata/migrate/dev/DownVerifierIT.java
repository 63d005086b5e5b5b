package dev.strata.migrate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import dev.strata.postgres.inspect.InspectOptions;
import dev.strata.schema.DatabaseSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The up → down → up check on a real database: generated downs pass, wrong or failing downs are caught with a reason. */
@StrataDatabase
class DownVerifierIT {
  private static final DatabaseSchema BEFORE = RenameMigrationTest.lower("""
      model User {
        id   Int    @id @default(autoincrement())
        name String
      }
      """);
  private static final DatabaseSchema AFTER = RenameMigrationTest.lower("""
      model User {
        id       Int     @id @default(autoincrement())
        fullName String
        posts    Post[]
      }
      model Post {
        id     Int  @id
        userId Int
        user   User @relation(fields: [userId], references: [id])
        @@index([userId])
      }
      """);

  private TestDatabase db;

  @BeforeEach
  void atBefore(TestDatabase database) {
    db = database;
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    db.execute(GeneratedMigration.of(DatabaseSchema.empty("public"), BEFORE, List.of()).migrationSql());
  }

  private DownVerifier.Verdict verify(String up, String down) {
    return DownVerifier.on(db.connection(), InspectOptions.defaults()).verify("m", Path.of("m"), up, down);
  }

  @Test
  void a_generated_down_is_verified_with_and_without_renames() {
    GeneratedMigration plain = GeneratedMigration.of(BEFORE, AFTER, List.of());
    assertThat(verify(plain.migrationSql(), plain.downSql()).verified()).isTrue();
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    db.execute(GeneratedMigration.of(DatabaseSchema.empty("public"), BEFORE, List.of()).migrationSql());
    GeneratedMigration renamed = GeneratedMigration.of(BEFORE, AFTER,
        List.of(new dev.strata.diff.RenameDetector.ColumnRename("public", "User", "name", "fullName")));
    assertThat(verify(renamed.migrationSql(), renamed.downSql())).isEqualTo(new DownVerifier.Verdict(true, java.util.Optional.empty()));
  }

  @Test
  void a_down_that_leaves_something_behind_is_not_verified() {
    GeneratedMigration plain = GeneratedMigration.of(BEFORE, AFTER, List.of());
    DownVerifier.Verdict verdict = verify(plain.migrationSql(), "DROP TABLE \"Post\";\n");
    assertThat(verdict.verified()).isFalse();
    assertThat(verdict.problem()).hasValueSatisfying(p -> assertThat(p).contains("after down.sql the schema differs").contains("User"));
  }

  @Test
  void a_down_that_fails_is_not_verified_and_says_why() {
    GeneratedMigration plain = GeneratedMigration.of(BEFORE, AFTER, List.of());
    DownVerifier.Verdict verdict = verify(plain.migrationSql(), "DROP TABLE \"Nope\";\n");
    assertThat(verdict.verified()).isFalse();
    assertThat(verdict.problem()).hasValueSatisfying(p -> assertThat(p).contains("Nope"));
  }
}
