package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Consent;
import dev.strata.Strata;
import dev.strata.StrataEvent;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup before every deploy: core's deploy hook, which this module plugs into (core does not depend on it). */
class PreMigrationBackupIT {
  @TempDir Path project;
  DatabaseUrl server;
  String database;
  final List<StrataEvent> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() throws Exception {
    server = LocalServer.server();
    database = LocalServer.createDatabase("backup_deploy");
    Files.createDirectories(project.resolve("prisma"));
    Files.writeString(project.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
    migration("20260101000000_init", "CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL);\nINSERT INTO orders VALUES (1, 10), (2, 20);");
  }

  @AfterEach
  void drop() {
    LocalServer.dropDatabase(database);
  }

  private void migration(String name, String sql) throws Exception {
    Path folder = Files.createDirectories(project.resolve("prisma/migrations").resolve(name));
    Files.writeString(folder.resolve("migration.sql"), sql);
  }

  private Strata strata(String setting) {
    return Strata.configure().project(project).listener(events::add)
        .environment(Map.of("DATABASE_URL", server.withDatabase(database).toString(), "STRATA_BACKUP_BEFORE_DEPLOY", setting)).load();
  }

  @Test
  void deploy_takes_a_pre_migration_backup_and_a_failed_deploy_names_the_restore_command() throws Exception {
    Strata strata = strata("true");
    strata.deploy();
    Backups backups = Backups.of(strata, BackupSettings.defaults(project.resolve("backups")));
    assertThat(backups.list()).singleElement().satisfies(b -> {
      assertThat(b.label()).isEqualTo("pre-migration:20260101000000_init");
      assertThat(b.migrationHead()).isEmpty();
    });
    assertThat(events).filteredOn(e -> e instanceof StrataEvent.DeployHookRan).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("Before deploying: backup ", "(pre-migration:20260101000000_init)"));

    strata.deploy();
    assertThat(backups.list()).as("nothing pending: no backup").hasSize(1);

    LocalServer.execute(database, "INSERT INTO orders VALUES (3, 30)");
    migration("20260201000000_break", "UPDATE orders SET total = total * 2;\nALTER TABLE orders ADD COLUMN x int NOT NULL DEFAULT 1 / 0;");
    StrataException failure = (StrataException) org.assertj.core.api.Assertions.catchThrowable(strata::deploy);
    assertThat(failure).isNotNull();
    BackupInfo before = backups.list().get(0);
    assertThat(before.label()).isEqualTo("pre-migration:20260201000000_break");
    assertThat(before.migrationHead()).contains("20260101000000_init");
    assertThat(failure.getMessage()).contains("To put the database back as it was before this deploy: strata backup restore " + before.id());

    RestorePreview preview = backups.previewRestore(before.id(), Optional.of(server.withDatabase(database)));
    RestoreResult restored = backups.restore(preview, Optional.of(server.withDatabase(database)), Consent.reset());
    assertThat(restored.contentMatches()).as(restored.problems().toString()).isTrue();
    assertThat(LocalServer.value(database, "SELECT string_agg(id || ':' || total, ',' ORDER BY id) FROM orders")).isEqualTo("1:10,2:20,3:30");
  }

  /** The backup before a deploy is encrypted as `strata backup` would be: the passphrase from the project's .env. */
  @Test
  void the_backup_before_a_deploy_is_encrypted_with_the_projects_keys() throws Exception {
    Files.writeString(project.resolve(".env"), "STRATA_BACKUP_PASSPHRASE=deploy-s3cret\n");
    Strata strata = strata("true");
    strata.deploy();
    assertThat(events).filteredOn(e -> e instanceof StrataEvent.DeployHookRan).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("(pre-migration:20260101000000_init)", ", encrypted"));
    assertThat(events).extracting(StrataEvent::message).noneMatch(m -> m.contains("deploy-s3cret"));
    Path folder;
    try (var found = Files.list(project.resolve("backups"))) {
      folder = found.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertThat(Files.readString(folder.resolve("manifest.json"))).contains("\"encryption\" : \"openpgp-symmetric\"").doesNotContain("deploy-s3cret");
    Backups withKey = Backups.of(strata, BackupSettings.defaults(project.resolve("backups")).withEncryption(Encryption.passphrase("deploy-s3cret")));
    VerifyResult verified = withKey.verify(folder.getFileName().toString(), VerifyLevel.RESTORE);
    assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
  }

  @Test
  void off_by_setting_and_by_default_for_a_local_database() throws Exception {
    strata("false").deploy();
    assertThat(project.resolve("backups")).doesNotExist();
    LocalServer.execute(database, "DROP TABLE orders; DROP TABLE _prisma_migrations");
    strata("auto").deploy();
    assertThat(project.resolve("backups")).as("127.0.0.1 is local: auto means off").doesNotExist();
  }

  @Test
  void strata_toml_turns_it_on_and_names_the_folder_and_the_environment_wins_over_it() throws Exception {
    Files.writeString(project.resolve("strata.toml"), "[backup]\nbeforeDeploy = true\ndir = \"from-toml\"\n");
    Map<String, String> env = Map.of("DATABASE_URL", server.withDatabase(database).toString());
    Strata.configure().project(project).environment(env).load().deploy();
    assertThat(Backups.of(Strata.configure().project(project).environment(env).load(), BackupSettings.defaults(project.resolve("from-toml")))
        .list()).singleElement().satisfies(b -> assertThat(b.label()).isEqualTo("pre-migration:20260101000000_init"));
    assertThat(project.resolve("backups")).doesNotExist();

    migration("20260201000000_more", "ALTER TABLE orders ADD COLUMN note text;");
    Strata.configure().project(project).environment(Map.of("DATABASE_URL", server.withDatabase(database).toString(),
        "STRATA_BACKUP_BEFORE_DEPLOY", "false")).load().deploy();
    assertThat(Backups.of(Strata.configure().project(project).environment(env).load(), BackupSettings.defaults(project.resolve("from-toml")))
        .list()).as("the environment's false wins over strata.toml's true").hasSize(1);

    Files.writeString(project.resolve("strata.toml"), "[backup]\nbeforeDeploy = 3\n");
    migration("20260301000000_third", "ALTER TABLE orders ADD COLUMN other text;");
    assertThatThrownBy(() -> Strata.configure().project(project).environment(env).load().deploy()).isInstanceOf(StrataException.class)
        .hasMessageContaining("strata.toml: [backup] beforeDeploy must be true, false or \"auto\"");
    assertThat(LocalServer.value(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'other'"))
        .isEqualTo("0");
  }

  @Test
  void a_failed_backup_stops_the_deploy_before_anything_is_applied() throws Exception {
    Path blocker = project.resolve("not-a-folder");
    Files.writeString(blocker, "x");
    Strata strata = Strata.configure().project(project).environment(Map.of("DATABASE_URL", server.withDatabase(database).toString(),
        "STRATA_BACKUP_BEFORE_DEPLOY", "true", "STRATA_BACKUP_DIR", "not-a-folder/backups")).load();
    assertThatThrownBy(strata::deploy).isInstanceOf(StrataException.class)
        .hasMessageContaining("The backup before deploying failed, so nothing was applied");
    assertThat(LocalServer.value(database, "SELECT to_regclass('orders') IS NULL")).isEqualTo("t");
  }
}
