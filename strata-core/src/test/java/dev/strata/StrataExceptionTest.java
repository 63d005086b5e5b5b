package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.migrate.run.PrismaErrors;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StrataExceptionTest {
  @Test
  void the_old_constructors_still_work_and_know_nothing_more() {
    StrataException e = new StrataException(ErrorCode.CONFIG, "No database URL is configured.");
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
    assertThat(e.prismaCode()).isEmpty();
    assertThat(e.sqlState()).isEmpty();
    assertThat(e.migration()).isEmpty();
    assertThat(new StrataException(ErrorCode.DATABASE, "x", new RuntimeException()).getCause()).isNotNull();
  }

  @Test
  void a_message_that_starts_with_a_prisma_code_gives_the_code() {
    assertThat(new StrataException(ErrorCode.DATABASE, "P3018: A migration failed to apply.").prismaCode()).contains("P3018");
    assertThat(new StrataException(ErrorCode.DATABASE, "See P3018: later").prismaCode()).isEmpty();
  }

  @Test
  void details_set_by_the_thrower_are_kept_and_blanks_mean_unknown() {
    StrataException e = new StrataException(ErrorCode.DATABASE, "failed",
        StrataException.Details.prisma("P3018").withSqlState("42P01").withMigration("20240101000000_init"));
    assertThat(e.prismaCode()).contains("P3018");
    assertThat(e.sqlState()).contains("42P01");
    assertThat(e.migration()).contains("20240101000000_init");
    assertThat(StrataException.Details.none().withSqlState("").sqlState()).isEqualTo(Optional.empty());
  }

  @Test
  void prismas_resolve_errors_name_their_code_and_migration() {
    assertThat(PrismaErrors.notFound("nope").migration()).contains("nope");
    assertThat(PrismaErrors.notFound("nope").prismaCode()).contains("P3017");
    assertThat(PrismaErrors.neverApplied("a").migration()).contains("a");
    assertThat(PrismaErrors.alreadyApplied("a").prismaCode()).contains("P3008");
    assertThat(PrismaErrors.notFailed("a").prismaCode()).contains("P3012");
    assertThat(PrismaErrors.schemaNotEmpty("public", List.of("t")).prismaCode()).contains("P3005");
  }
}
