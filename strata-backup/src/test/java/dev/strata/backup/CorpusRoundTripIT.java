package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Consent;
import dev.strata.Strata;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real schemas: a corpus project's whole migration history deployed, every table filled with
 * generated rows (every column by its type, NULLs, unicode, JSON, bytea, arrays; foreign keys
 * satisfied because every key is derived from the row number), then backup → verify by restore →
 * restore into a new database → every table's independent fingerprint equal.
 */
class CorpusRoundTripIT {
  private static final int ROWS = 200;

  @TempDir Path dir;

  static Path corpus() {
    Path shared = Path.of(System.getProperty("strata.shared.dir", "../../shared")).resolve("corpus");
    Assumptions.assumeTrue(Files.isDirectory(shared), "shared corpus absent (" + shared + "): clone ../shared beside the project");
    return shared;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"umami-software__umami/prisma/schema.prisma", "spliit-app__spliit/prisma/schema.prisma",
      "ghostfolio__ghostfolio/prisma/schema.prisma", "linkwarden__linkwarden/packages/prisma/schema.prisma",
      "documenso__documenso/packages/prisma/schema.prisma"})
  void a_corpus_database_filled_with_generated_rows_round_trips(String project) throws Exception {
    Path schema = corpus().resolve(project);
    DatabaseUrl server = LocalServer.server();
    String source = LocalServer.createDatabase("backup_corpus");
    try {
      Strata strata = Strata.configure().url(server.withDatabase(source)).schema(schema).load();
      strata.deploy();
      List<String> tables = fill(source);
      assertThat(tables).isNotEmpty();
      Backups backups = Backups.of(strata, BackupSettings.defaults(dir));
      BackupInfo taken = backups.create("manual");
      assertThat(taken.tables()).filteredOn(t -> !t.table().endsWith("_prisma_migrations")).allMatch(t -> t.rows() == ROWS);
      VerifyResult verified = backups.verify(taken.id(), VerifyLevel.RESTORE);
      assertThat(verified.ok()).as(verified.problems().toString()).isTrue();
      RestoreResult restored = backups.restore(backups.previewRestore(taken.id(), Optional.empty()), Optional.empty(), Consent.NONE);
      assertThat(restored.contentMatches()).as(restored.problems().toString()).isTrue();
      for (String table : tables) {
        assertThat(Fixtures.fingerprint(restored.targetDatabase(), table)).as(table).isEqualTo(Fixtures.fingerprint(source, table));
      }
      LocalServer.dropDatabase(restored.targetDatabase());
    } finally {
      LocalServer.dropDatabase(source);
    }
  }

  /** Fills every table of the public schema with {@link #ROWS} rows (replacing what migrations seeded); returns the tables, quoted. */
  private static List<String> fill(String database) throws Exception {
    List<String> filled = new ArrayList<>();
    try (Connection c = LocalServer.connect(database); Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      List<String> tables = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY 1")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typtype, a.attnotnull,"
            + " et.typtype AS elemtype, a.attidentity, a.attgenerated, t.typname"
            + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'"
            + " WHERE a.attrelid = 'public.\"" + table + "\"'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
          while (r.next()) {
            if (!r.getString(7).isEmpty()) {
              continue;
            }
            String type = r.getString(2);
            boolean array = type.endsWith("[]");
            String base = array ? type.substring(0, type.length() - 2) : type;
            String value = value(base, array ? r.getString(5) : r.getString(3));
            if (array) {
              value = "ARRAY[" + value + ", NULL]::" + type;
            }
            if (!r.getBoolean(4)) {
              value = "CASE WHEN g % 7 = 0 THEN NULL ELSE " + value + " END";
            }
            columns.add("\"" + r.getString(1) + "\"");
            values.add(value);
          }
        }
        s.execute("DELETE FROM \"" + table + "\"");
        s.execute("INSERT INTO \"" + table + "\" (" + String.join(", ", columns) + ") OVERRIDING SYSTEM VALUE SELECT " + String.join(", ", values)
            + " FROM generate_series(1, " + ROWS + ") g");
        filled.add("\"" + table + "\"");
      }
    }
    return filled;
  }

  /** A value of {@code type} derived from the row number g only, so that every key matches the keys that reference it. */
  private static String value(String type, String typtype) {
    if ("e".equals(typtype)) {
      return "(enum_range(NULL::" + type + "))[1 + g % array_length(enum_range(NULL::" + type + "), 1)]";
    }
    String t = type.replaceAll("\\(.*\\)", "");
    return switch (t) {
      case "integer", "smallint", "bigint", "numeric", "real", "double precision" -> "g::" + type;
      case "boolean" -> "g % 2 = 0";
      case "text", "character varying", "character", "citext" -> "left('v' || g || CASE WHEN g % 3 = 0 THEN ' Zoë 🐘 中文' ELSE '' END, "
          + (type.contains("(") ? type.replaceAll(".*\\((\\d+)\\).*", "$1") : "1000") + ")::" + type;
      case "uuid" -> "md5(g::text)::uuid";
      case "jsonb", "json" -> "json_build_object('g', g, 'ü', repeat('x', g % 50), 'list', json_build_array(g, 'a', NULL))::" + type;
      case "bytea" -> "decode(md5(g::text), 'hex') || '\\x00ff'::bytea";
      case "date" -> "DATE '2024-01-01' + g";
      case "timestamp without time zone", "timestamp with time zone" -> "(TIMESTAMP '2024-01-01 00:00:00.123' + g * INTERVAL '1 minute')::" + type;
      case "time without time zone" -> "(TIME '00:00:00' + g * INTERVAL '1 second')::" + type;
      case "inet" -> "('10.0.0.' || (g % 250))::inet";
      default -> "NULL";
    };
  }
}
