package dev.strata.backup.run;

import dev.strata.Consent;
import dev.strata.ErrorCode;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.StrataListener;
import dev.strata.backup.BackupInfo;
import dev.strata.backup.BackupSettings;
import dev.strata.backup.PrunePlan;
import dev.strata.backup.PruneResult;
import dev.strata.backup.RestorePreview;
import dev.strata.backup.RestoreResult;
import dev.strata.backup.VerifyLevel;
import dev.strata.backup.VerifyResult;
import dev.strata.backup.crypto.OpenPgp;
import dev.strata.backup.dump.PgClient;
import dev.strata.backup.dump.TableStats;
import dev.strata.backup.manifest.Manifest;
import dev.strata.backup.manifest.ManifestIo;
import dev.strata.backup.retention.Gfs;
import dev.strata.backup.storage.BackupStore;
import dev.strata.backup.storage.LocalStore;
import dev.strata.backup.storage.S3Store;
import java.io.InputStream;
import dev.strata.ShadowDatabases;
import dev.strata.config.DatabaseUrl;
import dev.strata.postgres.exec.PgConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The orchestration of every backup command, behind {@link dev.strata.backup.Backups}. */
public final class BackupOperations {
  /** Incomplete runs younger than this may still be running: prune leaves them. */
  static final Duration INCOMPLETE_GRACE = Duration.ofHours(6);

  private final StrataConfig config;
  private final BackupSettings settings;
  private final LocalStore staging;
  private final BackupStore store;
  private final Map<String, String> env;

  public BackupOperations(StrataConfig config, BackupSettings settings, Map<String, String> env) {
    this.config = config;
    this.settings = settings;
    this.staging = new LocalStore(config.workingDirectory().resolve(settings.directory()));
    this.store = settings.objectStorage().<BackupStore>map(S3Store::new).orElse(staging);
    this.env = env;
  }

  private StrataListener listener() {
    return config.listener();
  }

  private DatabaseUrl url() {
    if (config.url().isEmpty()) {
      throw new StrataException(ErrorCode.CONFIG, config.dataSource().isPresent()
          ? "Backups need the database's URL (pg_dump connects by itself): configure url(\"postgresql://…\") rather than a data source."
          : "No database is configured: pass --url, or set DATABASE_URL (environment or .env).");
    }
    return config.url().get();
  }

  // ------------------------------------------------------------------------------------------ create / list

  public BackupInfo create(String label) {
    Manifest manifest = createIn(url(), label);
    return info(new BackupStore.Entry(manifest.id(), Optional.of(manifest), false, Optional.empty(), Instant.now()));
  }

  /**
   * Dumps into the local folder; with object storage, straight into the bucket (see {@link
   * Dumps#create(DatabaseUrl, String, String, BackupSettings, LocalStore, Optional, Duration, StrataListener, Map)}),
   * or, an encrypted directory-format dump (pg_dump writes its files, which are then encrypted
   * whole), into the local folder first, uploaded there and the local copy dropped.
   */
  private Manifest createIn(DatabaseUrl url, String label) {
    if (store instanceof S3Store remote && (settings.encryption().isEmpty() || settings.format() == dev.strata.backup.BackupFormat.CUSTOM)) {
      return Dumps.create(url, config.defaultSchema(), label, settings, staging, Optional.of(remote), config.advisoryLockTimeout(), listener(),
          env);
    }
    Manifest manifest = Dumps.create(url, config.defaultSchema(), label, settings, staging, config.advisoryLockTimeout(), listener(), env);
    if (store instanceof S3Store remote) {
      Dumps.emit(listener(), "upload", manifest.id() + " to " + remote.describe());
      try {
        remote.upload(manifest.id(), staging.root().resolve(manifest.id()));
      } finally {
        staging.deleteQuietly(staging.root().resolve(manifest.id()));
      }
    }
    return manifest;
  }

  public List<BackupInfo> list() {
    return entries().stream().map(this::info).toList();
  }

  /** The store's backups, newest first by the time they were started (ids alone do not order backups of one second). */
  private List<BackupStore.Entry> entries() {
    List<BackupStore.Entry> entries = new ArrayList<>(store.list());
    entries.sort(java.util.Comparator.comparing((BackupStore.Entry e) -> e.manifest().map(m -> Instant.parse(m.startedAt())).orElse(e.modified()))
        .thenComparing(BackupStore.Entry::id).reversed());
    return entries;
  }

  private BackupStore.Entry entry(String id) {
    return store.find(id).orElseThrow(() -> new StrataException(ErrorCode.FILE_NOT_FOUND, "There is no backup " + id + " in " + store.describe()
        + (store.list().isEmpty() ? " (it holds no backup)." : "; strata backup list shows the ones there are.")));
  }

  private BackupStore.Entry complete(String id) {
    BackupStore.Entry entry = entry(id);
    if (entry.incomplete()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "Backup " + id + " is incomplete: its run never finished (pg_dump stopped or"
          + " failed), so it cannot be used. strata backup prune removes it.");
    }
    if (entry.manifest().isEmpty()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "Backup " + id + " cannot be used: " + entry.unreadable().orElse("no manifest"));
    }
    return entry;
  }

  /** The newest complete backup's id. */
  public String latest() {
    return entries().stream().filter(e -> e.manifest().isPresent()).map(BackupStore.Entry::id).findFirst()
        .orElseThrow(() -> new StrataException(ErrorCode.FILE_NOT_FOUND, "There is no complete backup in " + store.describe() + "."));
  }

  // ------------------------------------------------------------------------------------------ verify

  public VerifyResult verify(String id, VerifyLevel level) {
    long started = System.nanoTime();
    BackupStore.Entry entry = entry(id);
    if (entry.incomplete() || entry.manifest().isEmpty()) {
      List<String> problems = List.of(entry.incomplete() ? "the backup is incomplete: its run never finished"
          : "the manifest cannot be read: " + entry.unreadable().orElse("missing"));
      return new VerifyResult(id, level, false, problems, 0, 0, Duration.ofNanos(System.nanoTime() - started));
    }
    Manifest manifest = entry.manifest().get();
    Dumps.emit(listener(), "verify", id + " (" + level.name().toLowerCase() + ")");
    boolean streamed = level == VerifyLevel.RESTORE && streamable(manifest);
    if (level == VerifyLevel.RESTORE && manifest.encryption() != null) {
      checkKeys(id, manifest);
    }
    // A streamed archive is hashed on its way into pg_restore: read once, not once more beforehand.
    List<String> problems = checksums(store, id, manifest, streamed ? Set.of(manifest.dump().path()) : Set.of());
    int tables = 0;
    Optional<String> limitation = Optional.empty();
    List<TableStats.Table> counted = List.of();
    if (level == VerifyLevel.RESTORE && problems.isEmpty()) {
      Path download = streamed ? null : temporaryFolder();
      Path dump = null;
      if (!streamed) {
        try {
          dump = readable(id, manifest, download);
        } catch (RuntimeException e) {
          deleteQuietly(download);
          throw e;
        }
      }
      Scratch target;
      try {
        target = scratch();
      } catch (RuntimeException e) {
        if (download != null) {
          deleteQuietly(download);
        }
        throw e;
      }
      DatabaseUrl server = target.server();
      String scratch = target.database();
      try {
        PgClient client = restoreClient(server, manifest);
        Dumps.emit(listener(), "verify", "restoring into the scratch database " + target.description());
        Optional<String> altered = Optional.empty();
        if (streamed) {
          altered = restoreStreamed(id, manifest, client, server, scratch, false, true, true);
        } else {
          Restores.restore(client, server, scratch, dump, settings.jobs(), false, true, manifest.tables(), listener());
        }
        if (altered.isPresent()) {
          problems = List.of(altered.get());
        } else {
          List<TableStats.Table> restored = TableStats.read(server.withDatabase(scratch), Optional.empty(), manifest.hashed(), settings.jobs());
          problems = Restores.compare(manifest, restored);
          tables = manifest.tables().size();
          limitation = Restores.limitation(manifest);
          counted = limitation.isPresent() ? restored : List.of();
        }
      } catch (ArchiveStreams.Altered e) {
        problems = List.of(e.problem(), "the restore into a scratch database failed: " + e.restoreFailure());
      } catch (StrataException e) {
        problems = List.of("the restore into a scratch database failed: " + e.getMessage());
      } finally {
        target.dispose().run();
        if (download != null) {
          deleteQuietly(download);
        }
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (store.manifestIntact(id)) {
      store.writeManifest(id, manifest.withVerification(new Manifest.Verification(level.name().toLowerCase(), Instant.now().toString(),
          problems.isEmpty(), problems, elapsed.toMillis(), limitation.orElse(null), counted.isEmpty() ? null
              : counted.stream().map(t -> new Manifest.TableEntry(t.schema(), t.name(), t.rows(), null)).toList())));
    }
    return new VerifyResult(id, level, problems.isEmpty(), problems, manifest.files().size(), tables, elapsed, limitation,
        counted.stream().map(t -> new BackupInfo.TableCount(t.qualified(), t.rows(), Optional.empty())).toList());
  }

  /** Every file against the manifest, and the manifest against its own checksum. */
  static List<String> checksums(BackupStore store, String id, Manifest manifest) {
    return checksums(store, id, manifest, Set.of());
  }

  /**
   * As {@link #checksums(BackupStore, String, Manifest)}, where the files in {@code hashedLater}
   * are only looked for and measured: their content is hashed as it is restored.
   */
  static List<String> checksums(BackupStore store, String id, Manifest manifest, Set<String> hashedLater) {
    List<String> problems = new ArrayList<>();
    if (!store.manifestIntact(id)) {
      problems.add("manifest.json was changed after it was written (its checksum in manifest.json.sha256 differs)");
    }
    Set<String> listed = new LinkedHashSet<>();
    for (Manifest.FileEntry file : manifest.files()) {
      listed.add(file.path());
      fileProblem(store, id, file, !hashedLater.contains(file.path())).ifPresent(problems::add);
    }
    try {
      store.files(id, manifest.dump().path()).stream().filter(p -> !listed.contains(p))
          .forEach(p -> problems.add(p + ": not in the manifest (added after the backup)"));
    } catch (IOException e) {
      problems.add(manifest.dump().path() + ": unreadable (" + e.getMessage() + ")");
    }
    return problems;
  }

  /** What is wrong with one file of the backup, if anything: missing, another size, or (with {@code hash}) other content. */
  private static Optional<String> fileProblem(BackupStore store, String id, Manifest.FileEntry file, boolean hash) {
    try {
      long size = store.size(id, file.path());
      if (size < 0) {
        return Optional.of(file.path() + ": missing");
      } else if (size != file.size()) {
        return Optional.of(file.path() + ": " + size + " bytes, the manifest says " + file.size() + " (truncated or appended to)");
      } else if (hash) {
        try (InputStream in = store.open(id, file.path())) {
          if (!ManifestIo.sha256(in).equals(file.sha256())) {
            return Optional.of(file.path() + ": SHA-256 differs from the manifest (the content changed)");
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(file.path() + ": unreadable (" + e.getMessage() + ")");
    }
  }

  // ------------------------------------------------------------------------------------------ restore

  public RestorePreview previewRestore(String id, Optional<DatabaseUrl> targetUrl) {
    BackupStore.Entry entry = complete(id);
    Manifest manifest = entry.manifest().get();
    DatabaseUrl target;
    if (targetUrl.isPresent()) {
      target = targetUrl.get();
    } else {
      String name = manifest.source().database() + "_restored_" + id.replace("-", "_");
      target = url().withDatabase(name);
    }
    String database = target.databaseOrDefault();
    DatabaseUrl maintenance = target.withDatabase(maintenanceDatabase(target));
    boolean exists = Restores.exists(maintenance, database);
    List<BackupInfo.TableCount> replaced = new ArrayList<>();
    List<String> untouched = new ArrayList<>();
    if (exists) {
      Set<String> inBackup = new LinkedHashSet<>();
      manifest.tables().forEach(t -> inBackup.add(t.schema() + "." + t.name()));
      for (TableStats.Table table : Restores.counts(target, database, settings.jobs())) {
        if (inBackup.contains(table.qualified())) {
          replaced.add(new BackupInfo.TableCount(table.qualified(), table.rows(), Optional.empty()));
        } else {
          untouched.add(table.qualified());
        }
      }
    }
    return new RestorePreview(id, target.masked(), database, !exists, replaced, untouched, !replaced.isEmpty());
  }

  public RestoreResult restore(RestorePreview preview, Optional<DatabaseUrl> targetUrl, Consent consent) {
    long started = System.nanoTime();
    if (preview.needsConsent() && !consent.dropData()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The restore would drop and replace " + preview.replaced().size() + " table"
          + (preview.replaced().size() == 1 ? "" : "s") + " of " + preview.targetDatabase() + "; nothing was changed (it needs the consent"
          + " to drop data: --force on the command line).");
    }
    RestorePreview again = previewRestore(preview.id(), targetUrl);
    if (!again.equals(preview)) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The target database " + preview.targetDatabase() + " changed since the restore was"
          + " previewed; nothing was changed. Look at the new preview and confirm again.");
    }
    BackupStore.Entry entry = complete(preview.id());
    Manifest manifest = entry.manifest().get();
    if (manifest.encryption() != null) {
      checkKeys(preview.id(), manifest);
    }
    List<String> broken = checksums(store, preview.id(), manifest);
    if (!broken.isEmpty()) {
      throw new StrataException(ErrorCode.CHECK_FAILED, "Backup " + preview.id() + " does not match its manifest; nothing was restored:\n  "
          + String.join("\n  ", broken));
    }
    DatabaseUrl target = targetUrl.orElseGet(() -> url().withDatabase(preview.targetDatabase()));
    DatabaseUrl maintenance = target.withDatabase(maintenanceDatabase(target));
    PgClient client = restoreClient(maintenance, manifest);
    boolean streamed = streamable(manifest);
    Path download = streamed ? null : temporaryFolder();
    Path dump = null;
    if (!streamed) {
      try {
        dump = readable(preview.id(), manifest, download);
      } catch (RuntimeException e) {
        deleteQuietly(download);
        throw e;
      }
    }
    Optional<String> safety = Optional.empty();
    if (preview.safetyBackup()) {
      Dumps.emit(listener(), "restore", "taking a safety backup of " + preview.targetDatabase() + " first");
      safety = Optional.of(createIn(target, "pre-restore:" + preview.id()).id());
    }
    if (preview.createsDatabase()) {
      Restores.createDatabase(maintenance, preview.targetDatabase());
    }
    Dumps.emit(listener(), "restore", preview.id() + " into " + preview.targetDatabase());
    try {
      if (streamed) {
        restoreStreamed(preview.id(), manifest, client, target, preview.targetDatabase(), !preview.createsDatabase(), false, false);
      } else {
        Restores.restore(client, target, preview.targetDatabase(), dump, settings.jobs(), !preview.createsDatabase(), false,
            manifest.tables(), listener());
      }
    } finally {
      if (download != null) {
        deleteQuietly(download);
      }
    }
    Set<String> untouched = Set.copyOf(preview.untouched());
    List<TableStats.Table> restored = TableStats.read(target, Optional.empty(), manifest.hashed(), settings.jobs()).stream()
        .filter(t -> !untouched.contains(t.qualified())).toList();
    List<String> problems = Restores.compare(manifest, restored);
    return new RestoreResult(preview.id(), preview.target(), preview.targetDatabase(), preview.createsDatabase(), safety, problems.isEmpty(),
        problems, manifest.tables().size(), Duration.ofNanos(System.nanoTime() - started), Restores.limitation(manifest));
  }

  /**
   * The database to connect to on the target's server to look for or create another: on the
   * configured database's server, the configured database (the user can connect to it); elsewhere
   * {@code postgres}.
   */
  private String maintenanceDatabase(DatabaseUrl target) {
    return config.url().filter(u -> u.hosts().equals(target.hosts()) && u.socketDirectory().equals(target.socketDirectory()))
        .map(DatabaseUrl::databaseOrDefault).orElse("postgres");
  }

  // ------------------------------------------------------------------------------------------ prune

  public PrunePlan previewPrune(Instant now) {
    List<BackupStore.Entry> entries = store.list();
    List<Gfs.Item> items = new ArrayList<>();
    Map<String, String> labels = new java.util.HashMap<>();
    List<PrunePlan.Decision> delete = new ArrayList<>();
    for (BackupStore.Entry entry : entries) {
      if (entry.manifest().isPresent()) {
        Manifest m = entry.manifest().get();
        boolean verified = m.verification() != null && m.verification().ok();
        items.add(new Gfs.Item(entry.id(), Instant.parse(m.startedAt()), verified));
        labels.put(entry.id(), m.label());
      } else if (entry.incomplete()) {
        if (entry.modified().isBefore(now.minus(INCOMPLETE_GRACE))) {
          delete.add(new PrunePlan.Decision(entry.id(), "", List.of("incomplete: its run never finished")));
        }
      }
    }
    BackupSettings.RetentionPolicy p = settings.retention();
    Gfs.Decision decision = Gfs.decide(items, new Gfs.Policy(p.keepLast(), p.daily(), p.weekly(), p.monthly(), p.maxAge(), p.zone()), now);
    List<PrunePlan.Decision> keep = new ArrayList<>();
    decision.keep().forEach((id, reasons) -> keep.add(new PrunePlan.Decision(id, labels.get(id), reasons)));
    for (String id : decision.delete()) {
      delete.add(new PrunePlan.Decision(id, labels.get(id), List.of("no retention rule keeps it")));
    }
    return new PrunePlan(keep, delete);
  }

  public PruneResult prune(PrunePlan plan, Instant now, Consent consent) {
    if (!plan.delete().isEmpty() && !consent.dropData()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "Pruning deletes " + plan.delete().size() + " backup" + (plan.delete().size() == 1 ? "" : "s")
          + "; nothing was deleted (it needs the consent to drop data: --force on the command line).");
    }
    PrunePlan again = previewPrune(now);
    if (!again.equals(plan)) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The backups changed since the prune was previewed; nothing was deleted.");
    }
    long freed = 0;
    List<String> deleted = new ArrayList<>();
    for (PrunePlan.Decision d : plan.delete()) {
      BackupStore.Entry entry = entry(d.id());
      freed += entry.manifest().map(Manifest::sizeBytes).orElse(0L);
      store.delete(d.id());
      deleted.add(d.id());
      Dumps.emit(listener(), "prune", "deleted " + d.id());
    }
    return new PruneResult(deleted, plan.keep(), freed);
  }

  // ------------------------------------------------------------------------------------------ helpers

  /** The pg_restore that reads {@code manifest}'s archive into {@code server}'s server. */
  private PgClient restoreClient(DatabaseUrl server, Manifest manifest) {
    int archiveMajor;
    try {
      archiveMajor = Integer.parseInt(manifest.dump().pgDumpVersion().split("[^0-9]", 2)[0]);
    } catch (RuntimeException e) {
      archiveMajor = 0;
    }
    try (Connection connection = PgConnections.open(server)) {
      return PgClient.chooseForRestore(archiveMajor, Dumps.server(connection).major(), settings.pgBin(), env);
    } catch (SQLException e) {
      throw Restores.database(e);
    }
  }

  /** The database a restore-level verification restores into, what to call it, and how it goes away. */
  private record Scratch(DatabaseUrl server, String database, String description, Runnable dispose) {}

  /**
   * A new, empty database for {@code verify --level restore}: a shadow database (the CLI's embedded
   * PostgreSQL) when the settings ask for one, else a temporary database on {@code scratchUrl}'s
   * server or the backed-up database's own.
   */
  private Scratch scratch() {
    if (settings.scratchOnShadow()) {
      ShadowDatabases shadows = config.shadowDatabases().orElseThrow(() -> new StrataException(ErrorCode.CONFIG,
          "A verification on a shadow database needs one: the CLI's embedded PostgreSQL, or a shadow database URL."));
      ShadowDatabases.Lease lease = shadows.open();
      Optional<DatabaseUrl> url = lease.url();
      if (url.isEmpty()) {
        lease.close();
        throw new StrataException(ErrorCode.CONFIG, "The shadow database (" + lease.description() + ") has no address pg_restore could use.");
      }
      return new Scratch(url.get(), url.get().databaseOrDefault(), url.get().databaseOrDefault() + " on " + lease.description(), lease::close);
    }
    DatabaseUrl server = settings.scratchUrl().orElseGet(this::url);
    String name = "strata_verify_" + random();
    Restores.createDatabase(server, name);
    return new Scratch(server, name, name, () -> Restores.dropDatabaseQuietly(server, name));
  }

  private static String random() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Whether pg_restore reads the backup as a stream on its standard input: a custom-format dump
   * (one file) in object storage, or encrypted (decrypted on its way, never written in clear). A
   * directory-format dump is downloaded and decrypted first: pg_restore reads a directory archive
   * only from a file system.
   */
  private boolean streamable(Manifest manifest) {
    return "custom".equals(manifest.dump().format()) && (store instanceof S3Store || manifest.encryption() != null);
  }

  /**
   * pg_restore with the dump streamed from the store on its standard input, decrypted on the way
   * when it is encrypted (one job: pg_restore cannot run jobs on a stream). With {@code hash}, the
   * stored bytes are hashed as they go, and what differs from the manifest is returned (the restore
   * then proves nothing).
   *
   * @throws ArchiveStreams.Altered when pg_restore failed on a file that differs from the manifest
   */
  private Optional<String> restoreStreamed(String id, Manifest manifest, PgClient client, DatabaseUrl server, String database, boolean clean,
      boolean contentOnly, boolean hash) {
    String path = manifest.dump().path();
    Manifest.FileEntry expected = manifest.files().stream().filter(f -> f.path().equals(path)).findFirst()
        .orElseThrow(() -> new StrataException(ErrorCode.INVALID_INPUT, "Backup " + id + " lists no file " + path + " in its manifest."));
    Dumps.emit(listener(), "download", id + " streamed from " + store.describe(id) + " into pg_restore (one job"
        + (manifest.encryption() != null ? ", decrypted on the way" : "") + ")");
    java.security.MessageDigest digest = sha256();
    try (InputStream stored = store.open(id, path)) {
      ArchiveStreams.Counting counted = new ArchiveStreams.Counting(new java.security.DigestInputStream(stored, digest));
      StrataException failed = null;
      try (InputStream archive = manifest.encryption() == null ? ArchiveStreams.unclosed(counted)
          : dev.strata.backup.crypto.OpenPgp.decrypting(ArchiveStreams.unclosed(counted), path, settings.encryption().orElseThrow())) {
        Restores.restore(client, server, database, archive, clean, contentOnly, manifest.tables(), listener());
      } catch (StrataException e) {
        if (!hash) {
          throw e;
        }
        failed = e;
      }
      if (!hash) {
        return Optional.empty();
      }
      counted.transferTo(java.io.OutputStream.nullOutputStream());
      String sha = HexFormat.of().formatHex(digest.digest());
      Optional<String> altered = counted.count() != expected.size()
          ? Optional.of(path + ": " + counted.count() + " bytes, the manifest says " + expected.size() + " (truncated or appended to)")
          : sha.equals(expected.sha256()) ? Optional.empty() : Optional.of(path + ": SHA-256 differs from the manifest (the content changed)");
      if (failed != null) {
        if (altered.isPresent()) {
          throw new ArchiveStreams.Altered(altered.get(), failed.getMessage());
        }
        throw failed;
      }
      return altered;
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read backup " + id + " from " + store.describe(id) + ": " + e.getMessage(), e);
    }
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes sure the keys given open an encrypted backup before anything is downloaded, created or
   * restored: by the keys its manifest names, then by decrypting the start of its first file.
   */
  private void checkKeys(String id, Manifest manifest) {
    if (settings.encryption().isEmpty()) {
      throw new StrataException(ErrorCode.CONFIG, dev.strata.backup.crypto.OpenPgp.PUBLIC_KEY.equals(manifest.encryption())
          ? "Backup " + id + " is encrypted to the OpenPGP key " + recipients(manifest) + ": give its secret key in"
              + " STRATA_BACKUP_SECRET_KEY_FILE or --secret-key-file."
          : "Backup " + id + " is encrypted (OpenPGP): give its passphrase in STRATA_BACKUP_PASSPHRASE or a file (--passphrase-file).");
    }
    dev.strata.backup.Encryption keys = settings.encryption().get();
    List<Manifest.Recipient> to = manifest.encryptedTo() == null ? List.of() : manifest.encryptedTo();
    // The keys an edited manifest names prove nothing: its checksums say so, and the file's own packets decide.
    if (!to.isEmpty() && !store.manifestIntact(id)) {
      to = List.of();
    }
    if (!to.isEmpty() && keys.secretKeys().isPresent()) {
      Set<String> held = dev.strata.backup.crypto.OpenPgp.secretKeyIds(keys.secretKeys().get());
      if (to.stream().noneMatch(r -> held.contains(r.keyId())) && keys.passphrase().isEmpty()) {
        throw new StrataException(ErrorCode.INVALID_INPUT, "Backup " + id + " is encrypted to the OpenPGP key " + recipients(manifest)
            + "; the secret key given (" + String.join(", ", keys.secretKeyFingerprints()) + ") is not that key (wrong key: check"
            + " STRATA_BACKUP_SECRET_KEY_FILE or --secret-key-file).");
      }
    } else if (!to.isEmpty() && keys.secretKeys().isEmpty()) {
      throw new StrataException(ErrorCode.CONFIG, "Backup " + id + " is encrypted to the OpenPGP key " + recipients(manifest)
          + ": give its secret key in STRATA_BACKUP_SECRET_KEY_FILE or --secret-key-file.");
    }
    if (manifest.files().isEmpty()) {
      return;
    }
    Manifest.FileEntry first = manifest.files().get(0);
    try (InputStream start = store.openStart(id, first.path(), 1 << 16)) {
      dev.strata.backup.crypto.OpenPgp.checkKeys(start, first.path(), keys);
    } catch (IOException e) {
      // A file missing, unreadable or damaged is the checksums' finding (or the hash's on the way), not the keys'.
    } catch (StrataException e) {
      // A damaged key packet reads as a wrong key: only an intact file proves the keys wrong (read whole only then).
      if (fileProblem(store, id, first, true).isEmpty()) {
        throw e;
      }
    }
  }

  private static String recipients(Manifest manifest) {
    List<Manifest.Recipient> to = manifest.encryptedTo() == null ? List.of() : manifest.encryptedTo();
    return to.isEmpty() ? "(not named in its manifest)" : String.join(" or ", to.stream()
        .map(r -> r.fingerprint() + (r.userId() == null ? "" : " (" + r.userId() + ")") + ", encryption key id " + r.keyId()).toList());
  }

  /**
   * The dump as pg_restore reads it: the store's local folder (downloaded under {@code scratch}
   * from object storage), decrypted under {@code scratch} when the backup is encrypted.
   */
  private Path readable(String id, Manifest manifest, Path scratch) {
    Path folder = store.local(id, scratch.resolve("stored"));
    if (manifest.encryption() == null) {
      return folder.resolve(manifest.dump().path());
    }
    Path clear = scratch.resolve("clear");
    Dumps.emit(listener(), "decrypt", id);
    try {
      for (Manifest.FileEntry file : manifest.files()) {
        String path = file.path().endsWith(OpenPgp.SUFFIX) ? file.path().substring(0, file.path().length() - OpenPgp.SUFFIX.length()) : file.path();
        Path target = clear.resolve(path).normalize();
        if (!target.startsWith(clear)) {
          throw new StrataException(ErrorCode.INVALID_INPUT, "Backup " + id + " lists a file outside its folder: " + file.path());
        }
        Files.createDirectories(target.getParent());
        OpenPgp.decrypt(folder.resolve(file.path()), target, settings.encryption().orElseThrow());
      }
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not decrypt backup " + id + ": " + e.getMessage(), e);
    }
    String dump = manifest.dump().path();
    return clear.resolve(dump.endsWith(OpenPgp.SUFFIX) ? dump.substring(0, dump.length() - OpenPgp.SUFFIX.length()) : dump);
  }

  /** A private temporary folder for a download (not used by a local store, which restores from its own folder). */
  private Path temporaryFolder() {
    try {
      Path folder = Files.createTempDirectory("strata-backup-");
      dev.strata.backup.manifest.Permissions.privateFolder(folder);
      return folder;
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not create a temporary folder: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException ignored) {
      // A temporary folder; the system cleans it eventually.
    }
  }

  /** The public view of a backup folder. */
  BackupInfo info(BackupStore.Entry entry) {
    if (entry.manifest().isEmpty()) {
      return new BackupInfo(entry.id(), "", false,
          Optional.of(entry.incomplete() ? "incomplete: the run never finished (pg_dump stopped or failed)" : "unreadable manifest: "
              + entry.unreadable().orElse("")), "", Optional.empty(), Duration.ZERO, 0, 0, "", "", "", List.of(), false,
          Optional.empty(), Optional.empty(), store.describe(entry.id()), Optional.empty());
    }
    Manifest m = entry.manifest().get();
    List<BackupInfo.TableCount> tables = m.tables().stream()
        .map(t -> t.rows() != null
            ? new BackupInfo.TableCount(t.schema() + "." + t.name(), t.rows(), Optional.ofNullable(t.hash()))
            : new BackupInfo.TableCount(t.schema() + "." + t.name(), t.estimatedRows() == null ? 0 : t.estimatedRows(), Optional.empty(), true))
        .toList();
    Optional<BackupInfo.Verification> verification = Optional.ofNullable(m.verification()).map(v -> new BackupInfo.Verification(
        VerifyLevel.valueOf(v.level().toUpperCase()), Instant.parse(v.at()), v.ok(), v.problems() == null ? List.of() : v.problems(),
        Duration.ofMillis(v.durationMs())));
    return new BackupInfo(m.id(), m.label(), true, Optional.empty(), m.source().host() + ":" + m.source().port() + "/" + m.source().database(),
        Optional.of(Instant.parse(m.startedAt())), Duration.ofMillis(m.durationMs()), m.sizeBytes(), m.databaseSizeBytes(),
        m.source().serverVersion(), m.dump().pgDumpVersion(), m.dump().format(), tables, m.hashed(), Optional.ofNullable(m.migrationHead()),
        verification, store.describe(entry.id()), encryption(m));
  }

  /** How a backup is encrypted, for people: {@code passphrase}, or the keys it is encrypted to (id and user id, never a secret). */
  private static Optional<String> encryption(Manifest m) {
    if (m.encryption() == null) {
      return Optional.empty();
    }
    if (m.encryptedTo() == null || m.encryptedTo().isEmpty()) {
      return Optional.of(m.encryption().equals("openpgp-symmetric") ? "passphrase" : m.encryption());
    }
    return Optional.of("key " + String.join(", ", m.encryptedTo().stream()
        .map(r -> r.keyId() + (r.userId() == null ? "" : " (" + r.userId() + ")")).toList()));
  }
}
