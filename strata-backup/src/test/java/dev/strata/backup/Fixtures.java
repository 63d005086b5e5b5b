package dev.strata.backup;

/** Test data: every common column type, NULLs, unicode, large JSON, bytea, arrays, a Prisma history. */
final class Fixtures {
  private Fixtures() {}

  static final String SCHEMA = """
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      CREATE TABLE "Everything" (
        id bigserial PRIMARY KEY, i2 smallint, i4 integer, i8 bigint, num numeric(20, 6), r real, d double precision,
        flag boolean, t text, vc varchar(50), ch char(5), dt date, ts timestamp(3), tstz timestamptz, tm time, iv interval,
        js json, jb jsonb, bin bytea, u uuid, ip inet, ints int[], texts text[], m mood);
      INSERT INTO "Everything" (i2, i4, i8, num, r, d, flag, t, vc, ch, dt, ts, tstz, tm, iv, js, jb, bin, u, ip, ints, texts, m)
      SELECT
        CASE WHEN g % 7 = 0 THEN NULL ELSE (g % 30000)::smallint END, g, g::bigint * 1000003, g / 7.0, g / 3.0, g / 11.0,
        CASE WHEN g % 5 = 0 THEN NULL ELSE g % 2 = 0 END,
        CASE WHEN g % 9 = 0 THEN NULL ELSE 'Zoë 🐘 中文 «row ' || g || '» ' || repeat('ω', g % 40) END,
        'needle-' || lpad(g::text, 6, '0'), 'c' || (g % 10), DATE '2020-01-01' + g, TIMESTAMP '2021-03-04 05:06:07.891' + g * INTERVAL '1 minute',
        TIMESTAMPTZ '2022-06-01 12:00:00+02' + g * INTERVAL '1 hour', TIME '01:02:03' + g * INTERVAL '1 second', g * INTERVAL '90 minutes',
        json_build_object('n', g, 'tags', json_build_array('a', 'b', g)),
        CASE WHEN g % 100 = 0 THEN (SELECT jsonb_agg(jsonb_build_object('k', x, 'v', repeat('z', 50))) FROM generate_series(1, 2000) x)
             ELSE jsonb_build_object('n', g, 'nested', jsonb_build_object('ü', g % 3)) END,
        CASE WHEN g % 6 = 0 THEN NULL ELSE decode(md5(g::text), 'hex') || '\\x00ff00'::bytea END,
        md5(g::text)::uuid, ('10.0.' || (g % 250) || '.' || (g % 200))::inet,
        ARRAY[g, NULL, g * 2], ARRAY['x' || g, NULL, 'y"z'], (ARRAY['sad', 'ok', 'happy'])[1 + g % 3]::mood
      FROM generate_series(1, 3000) g;
      CREATE TABLE child (id int PRIMARY KEY, parent bigint REFERENCES "Everything"(id), note text);
      INSERT INTO child SELECT g, g, 'note ' || g FROM generate_series(1, 500) g;
      CREATE SCHEMA other;
      CREATE TABLE other.empty_table (x int);
      CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz,
        migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(),
        applied_steps_count integer NOT NULL DEFAULT 0);
      INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES
        ('1', 'a', '2026-01-01 00:00:00+00', '20260101000000_init', 1),
        ('2', 'b', '2026-02-01 00:00:00+00', '20260201000000_add_child', 1);
      """;

  /**
   * An order-independent fingerprint of a table computed differently from the one under test:
   * the md5 of the sorted rows' text.
   */
  static String fingerprint(String database, String table) {
    try (java.sql.Connection c = LocalServer.connect(database); java.sql.Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3");
      try (java.sql.ResultSet r = s.executeQuery(
          "SELECT count(*) || ':' || coalesce(md5(string_agg(ROW(r.*)::text, '|' ORDER BY ROW(r.*)::text)), '') FROM " + table + " r")) {
        r.next();
        return r.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** The statistics' size (heap and TOAST pages) of every ordinary table of {@code database} outside the system schemas. */
  static long tableBytes(String database) {
    try (java.sql.Connection c = LocalServer.connect(database); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT sum((c.relpages + coalesce(t.relpages, 0))::bigint * current_setting('block_size')::bigint)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class t ON t.oid = c.reltoastrelid"
            + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'")) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
