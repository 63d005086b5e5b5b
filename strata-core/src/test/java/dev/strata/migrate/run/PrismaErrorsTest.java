package dev.strata.migrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.migrate.history.MigrationRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrismaErrorsTest {
  @Test
  void prints_instants_as_rust_chrono_does() {
    assertThat(PrismaErrors.chronoUtc(Instant.parse("2026-11-22T03:36:08.418Z"))).isEqualTo("2026-11-22 03:36:08.418 UTC");
    assertThat(PrismaErrors.chronoUtc(Instant.parse("2026-11-22T03:36:08Z"))).isEqualTo("2026-11-22 03:36:08 UTC");
    assertThat(PrismaErrors.chronoUtc(Instant.parse("2026-11-22T03:36:08.418123Z"))).isEqualTo("2026-11-22 03:36:08.418123 UTC");
    assertThat(PrismaErrors.chronoUtc(Instant.parse("2026-11-22T03:36:08.000000001Z"))).isEqualTo("2026-11-22 03:36:08.000000001 UTC");
  }

  @Test
  void the_failed_migrations_error_has_prismas_words_and_how_to_resolve() {
    MigrationRecord row = new MigrationRecord("id", "c", Optional.empty(), "20240102000000_second", Optional.of("boom"), Optional.empty(),
        Instant.parse("2026-11-22T03:36:08.418Z"), 0);
    String message = PrismaErrors.failedMigrations(List.of(row)).getMessage();
    assertThat(message).startsWith("P3009: migrate found failed migrations in the target database, new migrations will not be applied."
        + " Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n"
        + "The `20240102000000_second` migration started at 2026-11-22 03:36:08.418 UTC failed\n");
    assertThat(message).contains("strata migrate resolve --rolled-back \"20240102000000_second\"");
  }

  @Test
  void resolve_errors_carry_prismas_codes_and_words() {
    assertThat(PrismaErrors.alreadyApplied("a").getMessage()).isEqualTo("P3008: The migration `a` is already recorded as applied in the database.");
    assertThat(PrismaErrors.notFailed("a").getMessage()).isEqualTo("P3012: Migration `a` cannot be rolled back because it is not in a failed state.");
    assertThat(PrismaErrors.neverApplied("nope").getMessage()).startsWith("P3011: Migration `nope` cannot be rolled back because it was never applied");
    assertThat(PrismaErrors.notFound("nope").getMessage()).startsWith("P3017: The migration nope could not be found.");
    assertThat(PrismaErrors.advisoryLockTimeout(java.time.Duration.ofSeconds(10)).getMessage())
        .startsWith("P1002: Timed out trying to acquire a postgres advisory lock (SELECT pg_advisory_lock(72707369)). Timeout: 10000ms.");
  }
}
