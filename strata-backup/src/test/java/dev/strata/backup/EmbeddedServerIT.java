package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ErrorCode;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.backup.dump.PgClient;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the embedded PostgreSQL (17): pg_dump refuses a newer server, so without a client of 17
 * or newer on this machine (Debian 12 ships 15) the backup is refused with the install command —
 * which this test checks — and the round trip steps aside, saying so. With one, it runs.
 */
@StrataDatabase
class EmbeddedServerIT {
  @TempDir Path dir;

  @Test
  void a_backup_of_the_embedded_server_needs_a_client_at_least_as_new(TestDatabase db) {
    db.execute("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 10)");
    int major = Integer.parseInt(db.queryValue("SELECT current_setting('server_version_num')").orElseThrow()) / 10000;
    Backups backups = Backups.of(Strata.of(Strata.configure().url(db.url()).build()), BackupSettings.defaults(dir));
    boolean fits = PgClient.candidates(Optional.empty(), System.getenv()).stream().anyMatch(c -> c.major().orElse(0) >= major);
    if (!fits) {
      assertThatThrownBy(() -> backups.create("manual")).isInstanceOf(StrataException.class)
          .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CONFIG))
          .hasMessageContaining("PostgreSQL " + major + " or newer").hasMessageContaining("postgresql-client-" + major);
      assertThat(backups.list()).isEmpty();
      Assumptions.abort("No pg_dump of PostgreSQL " + major + " or newer here (the embedded server is " + major
          + "): the refusal was checked; the round trip on it steps aside.");
    }
    BackupInfo taken = backups.create("manual");
    VerifyResult verified = backups.verify(taken.id(), VerifyLevel.RESTORE);
    assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
  }
}
