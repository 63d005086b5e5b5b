package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata backup …} end to end in-process, on the PostgreSQL at {@code STRATA_BACKUP_TEST_URL}
 * (default the local one at 127.0.0.1:5432) with the real pg_dump; steps aside, saying why, when
 * either is missing.
 */
class BackupCommandIT {
  private static final String SERVER = Optional.ofNullable(System.getenv("STRATA_BACKUP_TEST_URL")).orElse("postgresql://postgres@127.0.0.1:5432/postgres");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path project;
  String database;
  Map<String, String> env;

  private static void execute(String db, String sql) throws SQLException {
    String base = SERVER.substring(0, SERVER.lastIndexOf('/') + 1);
    String jdbc = "jdbc:" + base.replaceFirst("postgres@", "") + db + "?user=postgres";
    try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String value(String db, String sql) throws SQLException {
    String base = SERVER.substring(0, SERVER.lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection("jdbc:" + base.replaceFirst("postgres@", "") + db + "?user=postgres");
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  @BeforeEach
  void database() throws Exception {
    database = "backup_cli_" + Long.toHexString(System.nanoTime());
    try {
      execute("postgres", "CREATE DATABASE " + database);
    } catch (SQLException e) {
      Assumptions.abort("No PostgreSQL for the backup commands at " + SERVER + ": " + e.getMessage());
    }
    CliRun probe = CliRun.in(project, Map.of("PATH", System.getenv("PATH")), "backup", "list", "--json");
    Assumptions.assumeTrue(probe.exitCode() == 0, probe.all());
    execute(database, "CREATE TABLE item (id int PRIMARY KEY, name text); INSERT INTO item SELECT g, 'n' || g FROM generate_series(1, 300) g");
    env = Map.of("PATH", System.getenv("PATH"), "DATABASE_URL", SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + database);
    Files.writeString(project.resolve("schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n");
  }

  @AfterEach
  void drop() throws Exception {
    execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  @Test
  void create_list_verify_restore_prune_with_text_and_json() throws Exception {
    CliRun created = CliRun.in(project, env, "backup", "create", "--label", "manual", "--json");
    assertThat(created.exitCode()).as(created.all()).isZero();
    JsonNode backup = JSON.readTree(created.out()).get("backup");
    String id = backup.get("id").asText();
    assertThat(backup.get("tables").get(0).get("rows").asLong()).isEqualTo(300);
    assertThat(Path.of(backup.get("path").asText())).startsWith(project.resolve("backups"));

    CliRun list = CliRun.in(project, env, "backup", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("id", "label", "age", "size", "verified", "encrypted", id, "manual", "no");

    CliRun verified = CliRun.in(project, env, "backup", "verify", "--level", "restore");
    assertThat(verified.exitCode()).as(verified.all()).isZero();
    assertThat(verified.out()).contains("Backup " + id + " verified (restore)", "all 1 tables");
    assertThat(CliRun.in(project, env, "backup", "list").out()).contains("yes (restore)");

    // The same proof on the embedded PostgreSQL (17), with no database URL at all: the server is spared,
    // and pg_restore of an older major restores into the newer server.
    Map<String, String> offline = Map.of("PATH", System.getenv("PATH"));
    CliRun embedded = CliRun.in(project, offline, "backup", "verify", id, "--level", "restore", "--scratch-embedded");
    assertThat(embedded.exitCode()).as(embedded.all()).isZero();
    assertThat(embedded.out()).contains("Backup " + id + " verified (restore)", "all 1 tables");
    assertThat(embedded.err()).containsPattern("restoring into the scratch database strata_shadow_\\w+ on the embedded PostgreSQL 1[7-9]");
    assertThat(CliRun.in(project, env, "backup", "verify", id, "--level", "restore", "--scratch-embedded", "--scratch-url",
        env.get("DATABASE_URL")).err()).contains("--scratch-url and --scratch-embedded name two places");

    execute(database, "DELETE FROM item WHERE id > 10");
    CliRun refused = CliRun.in(project, env, "backup", "restore", "latest", "--target-url", env.get("DATABASE_URL"));
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(refused.out()).as("latest is the newest complete backup").contains(id);
    assertThat(refused.out()).contains("drops and recreates these tables", "public.item (10 rows)");
    assertThat(refused.err()).contains("Nothing was changed: this shell is non-interactive. Run again with --force");
    assertThat(value(database, "SELECT count(*) FROM item")).isEqualTo("10");

    CliRun restored = CliRun.in(project, env, "backup", "restore", id, "--target-url", env.get("DATABASE_URL"), "--force");
    assertThat(restored.exitCode()).as(restored.all()).isZero();
    assertThat(restored.out()).contains("Safety backup of " + database, "all 1 tables hold the rows and content of the manifest");
    assertThat(value(database, "SELECT count(*) FROM item")).isEqualTo("300");

    CliRun dry = CliRun.in(project, env, "backup", "prune", "--keep-last", "1", "--dry-run");
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.out()).contains("Keeping 2:", "(newest verified backup)", "Would delete 0.");

    Path file = Files.walk(project.resolve("backups").resolve(id).resolve("data")).filter(p -> p.toString().endsWith(".dat.gz")).findFirst().orElseThrow();
    Files.write(file, new byte[] {1, 2, 3});
    CliRun bad = CliRun.in(project, env, "backup", "verify", id, "--json");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(JSON.readTree(bad.out()).get("problems").get(0).asText()).contains("the manifest says");

    CliRun missing = CliRun.in(project, env, "backup", "restore", "20990101-000000-none", "--json");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(JSON.readTree(missing.out()).get("error").get("message").asText()).contains("There is no backup 20990101-000000-none");
  }

  /** On a terminal, the dump's and the restore's tables are one line redrawn with a bar, closed when the step ends. */
  @Test
  void a_terminal_gets_a_progress_bar_redrawn_in_place() throws Exception {
    execute(database, "CREATE TABLE second AS SELECT g AS id, repeat('x', 100) AS pad FROM generate_series(1, 2000) g; ANALYZE");
    CliRun created = InteractiveRun.answering(project, env, "", "backup", "create", "--label", "manual", "--no-color");
    assertThat(created.exitCode()).as(created.all()).isZero();
    assertThat(created.err()).containsPattern("\\r  \\[░{24}\\]   0%  0/2 tables  0 B of [0-9.]+ KiB  public\\.(item|second)\\u001b\\[K")
        .containsPattern("\\r  \\[█+░*\\] +[0-9]+%  [12]/2 tables  [0-9.]+ KiB of [0-9.]+ KiB  (~[0-9]+ s left  )?public\\.(item|second)\\u001b\\[K\\n")
        .contains("Backup dumped: 2 tables, ");
  }

  /** strata health reads the backup manifests through the backup module: none is critical, a fresh verified one passes. */
  @Test
  void health_backup_freshness_judges_the_manifests() throws Exception {
    CliRun none = CliRun.in(project, env, "health", "--check", "backup-freshness", "--no-color");
    assertThat(none.exitCode()).as(none.all()).isZero();
    assertThat(none.out()).contains("critical", "backup-freshness", "no backup in " + project.resolve("backups"));

    execute(database, "ANALYZE item");
    CliRun created = CliRun.in(project, env, "backup", "create", "--label", "daily", "--no-hash");
    assertThat(created.exitCode()).as(created.all()).isZero();
    assertThat(created.out()).contains("rows (estimated: --no-hash records no content proof)");
    // Not a terminal: one line per table, nothing redrawn.
    assertThat(created.err()).contains("  [1/1] public.item · 0 B of ", "Backup dumped: 1 table, ").doesNotContain("\r");
    CliRun unverified = CliRun.in(project, env, "health", "--check", "backup-freshness", "--no-color", "--fail-on", "warning");
    assertThat(unverified.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(unverified.out()).contains("warning", "no backup has passed a verification");

    CliRun verified = CliRun.in(project, env, "backup", "verify", "--level", "restore");
    assertThat(verified.exitCode()).as(verified.all()).isZero();
    assertThat(verified.out()).contains("it restores: all 1 tables are there, 300 rows", "Not proven: the content was not compared");
    CliRun fresh = CliRun.in(project, env, "health", "--check", "backup-freshness", "--format", "json", "--fail-on", "warning");
    assertThat(fresh.exitCode()).as(fresh.all()).isZero();
    JsonNode check = JSON.readTree(fresh.out()).get("checks").get(0);
    assertThat(check.get("status").asText()).isEqualTo("passed");
    assertThat(check.get("summary").asText()).contains("(daily)", "h old, last verified", "(restore)");
  }

  @Test
  void a_deploy_that_took_a_backup_names_its_restore_in_json() throws Exception {
    Path folder = Files.createDirectories(project.resolve("migrations/20260101000000_add"));
    Files.writeString(folder.resolve("migration.sql"), "ALTER TABLE item ADD COLUMN note text;\n");
    execute(database, "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL,"
        + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,"
        + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)");
    Map<String, String> withBackup = new java.util.HashMap<>(env);
    withBackup.put("STRATA_BACKUP_BEFORE_DEPLOY", "true");
    CliRun deploy = CliRun.in(project, withBackup, "migrate", "deploy", "--migrations", project.resolve("migrations").toString(),
        "--no-verify", "--json");
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    JsonNode doc = new ObjectMapper().readTree(deploy.out());
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.get("recoveryCommands").get(0).asText()).matches("strata backup restore \\d{8}-\\d{6}-[0-9a-f]{4} --dir .* --force");
  }

  @Test
  void the_passphrase_comes_from_a_file_or_the_environment_never_shows_and_a_wrong_one_is_refused() throws Exception {
    String secret = "correct horse battery";
    Files.writeString(project.resolve("passphrase.txt"), secret + "\n"); // as `echo … > file` writes it
    CliRun created = CliRun.in(project, env, "backup", "create", "--label", "sealed", "--passphrase-file", "passphrase.txt", "--json");
    assertThat(created.exitCode()).as(created.all()).isZero();
    String id = new ObjectMapper().readTree(created.out()).get("backup").get("id").asText();
    assertThat(new ObjectMapper().readTree(created.out()).get("backup").get("encryption").asText()).isEqualTo("passphrase");
    assertThat(CliRun.in(project, env, "backup", "list").out()).containsPattern(id + " +sealed +.*passphrase");
    Map<String, String> withEnv = new java.util.HashMap<>(env);
    withEnv.put("STRATA_BACKUP_PASSPHRASE", secret); // the file's first line, without its line break
    CliRun verified = CliRun.in(project, withEnv, "backup", "verify", id, "--level", "restore");
    assertThat(verified.exitCode()).as(verified.all()).isZero();
    withEnv.put("STRATA_BACKUP_PASSPHRASE", "wrong horse");
    CliRun wrong = CliRun.in(project, withEnv, "backup", "verify", id, "--level", "restore");
    assertThat(wrong.exitCode()).as(wrong.all()).isNotZero();
    assertThat(wrong.err()).containsIgnoringCase("passphrase").doesNotContain("Exception").doesNotContain("\tat ");
    for (CliRun run : List.of(created, verified, wrong)) {
      assertThat(run.all()).doesNotContain(secret).doesNotContain("wrong horse");
    }
  }

  /**
   * Keys made by the real gpg: create encrypts to the public key file, restore decrypts with the
   * armored secret key from the environment and its passphrase from a file; the wrong key names
   * the key the backup needs, exits 1, and no key material or passphrase is ever printed.
   */
  @Test
  void a_backup_encrypted_to_a_public_key_restores_with_the_secret_key_and_a_wrong_key_is_a_clear_error() throws Exception {
    Assumptions.assumeTrue(java.util.stream.Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "gpg"))),
        "gpg is not installed: apt-get install gnupg");
    Path home = Files.createDirectories(project.resolve("gnupg"));
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    try {
      gpg(home, "--passphrase", "key passphrase", "--quick-gen-key", "Ops <ops@example.com>", "future-default", "default", "never");
      gpg(home, "--passphrase", "", "--quick-gen-key", "Else <else@example.com>", "future-default", "default", "never");
      String fingerprint = new String(gpg(home, "--with-colons", "--list-keys", "ops@example.com")).lines()
          .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
      Files.write(project.resolve("ops.asc"), gpg(home, "--armor", "--export", "ops@example.com"));
      String secret = new String(gpg(home, "--passphrase", "key passphrase", "--armor", "--export-secret-keys", "ops@example.com"));
      Files.write(project.resolve("else-secret.asc"), gpg(home, "--passphrase", "", "--armor", "--export-secret-keys", "else@example.com"));
      Files.writeString(project.resolve("key-passphrase.txt"), "key passphrase\n");

      CliRun created = CliRun.in(project, env, "backup", "create", "--label", "sealed", "--format", "custom", "--public-key-file", "ops.asc",
          "--json");
      assertThat(created.exitCode()).as(created.all()).isZero();
      String id = JSON.readTree(created.out()).get("backup").get("id").asText();
      assertThat(Files.readString(project.resolve("backups").resolve(id).resolve("manifest.json"))).contains(fingerprint, "openpgp-public-key");
      assertThat(JSON.readTree(created.out()).get("backup").get("encryption").asText()).startsWith("key ").endsWith(" (Ops <ops@example.com>)");

      Map<String, String> withKey = new java.util.HashMap<>(env);
      withKey.put("STRATA_BACKUP_SECRET_KEY", secret);
      CliRun locked = CliRun.in(project, withKey, "backup", "verify", id, "--level", "restore");
      assertThat(locked.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(locked.err()).contains("is protected by a passphrase: give it in STRATA_BACKUP_SECRET_KEY_PASSPHRASE");
      CliRun verified = CliRun.in(project, withKey, "backup", "verify", id, "--level", "restore", "--secret-key-passphrase-file",
          "key-passphrase.txt");
      assertThat(verified.exitCode()).as(verified.all()).isZero();
      assertThat(verified.out()).contains("Backup " + id + " verified (restore)");

      CliRun wrong = CliRun.in(project, env, "backup", "restore", id, "--secret-key-file", "else-secret.asc");
      assertThat(wrong.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(wrong.err()).contains("is encrypted to the OpenPGP key " + fingerprint + " (Ops <ops@example.com>)", "is not that key (wrong key")
          .doesNotContain("Exception").doesNotContain("\tat ");
      CliRun notAKey = CliRun.in(project, env, "backup", "verify", id, "--level", "restore", "--secret-key-file", "ops.asc");
      assertThat(notAKey.exitCode()).isEqualTo(ExitCodes.ERROR);
      assertThat(notAKey.err()).contains("the secret key file is not an OpenPGP secret key", "(--secret-key-file ops.asc)");
      for (CliRun run : List.of(created, locked, verified, wrong, notAKey)) {
        assertThat(run.all()).doesNotContain("PRIVATE KEY").doesNotContain("key passphrase");
      }
    } finally {
      new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").start().waitFor();
    }
  }

  /** Runs the real gpg in batch mode on the keyring in {@code home}; its standard output. */
  private static byte[] gpg(Path home, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback"));
    command.addAll(List.of(args));
    Process gpg = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = gpg.getInputStream().readAllBytes();
    assertThat(gpg.waitFor()).as(String.join(" ", command)).isZero();
    return out;
  }

  @Test
  void schedule_prints_the_crontab_and_refuses_a_bad_expression() {
    CliRun crontab = CliRun.in(project, env, "backup", "schedule", "--cron", "30 2 * * 0", "--prune", "--print-crontab");
    assertThat(crontab.exitCode()).isZero();
    assertThat(crontab.out()).contains("CRON_TZ=UTC", "30 2 * * 0 cd ", "strata backup create --label daily", "strata backup prune --force");
    CliRun bad = CliRun.in(project, env, "backup", "schedule", "--cron", "61 * * * *", "--print-crontab");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("is not a cron expression");
  }
}
