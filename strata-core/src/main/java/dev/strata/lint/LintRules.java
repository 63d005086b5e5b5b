package dev.strata.lint;

import static dev.strata.LintSeverity.ERROR;
import static dev.strata.LintSeverity.INFO;
import static dev.strata.LintSeverity.WARNING;
import static dev.strata.lint.LintRule.Category.COMPATIBILITY;
import static dev.strata.lint.LintRule.Category.CONVENTION;
import static dev.strata.lint.LintRule.Category.DATA_DEPENDENT;
import static dev.strata.lint.LintRule.Category.DATA_LOSS;
import static dev.strata.lint.LintRule.Category.LOCKS;
import static dev.strata.lint.LintRule.Category.PARSE;
import static dev.strata.lint.LintRule.Category.QUALITY;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.LintSeverity;
import dev.strata.dialect.LockLevel;
import dev.strata.postgres.PgIdentifiers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every lint rule, by code. Codes are stable and never reused; the families: {@code LN001–009}
 * data loss, {@code LN010–019} changes that fail on existing data, {@code LN020–039} locks and
 * rewrites, {@code LN040–049} changes that break the running application, {@code LN050–069} schema
 * quality, {@code LN070–079} conventions (off by default), {@code LN099} a statement PostgreSQL
 * cannot parse. Facts: docs/lint.md.
 */
public final class LintRules {
  private static final String PRISMA_NAMES =
      "Prisma's generated SQL quotes every name as written in the schema (\"User\", \"createdAt\"), so every Prisma migration would trip it.";
  private static final String PRISMA_TIMESTAMP =
      "Prisma maps DateTime to TIMESTAMP(3) (without time zone) unless the field says @db.Timestamptz, so every Prisma migration would trip it.";
  private static final String PRISMA_SERIAL =
      "Prisma writes SERIAL for Int @id @default(autoincrement()), so every Prisma migration with such a key would trip it.";

  private static final Set<String> VOLATILE = Set.of("random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
      "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "txid_current", "statement_timestamp", "setseed");
  private static final Set<String> SERIALS = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2");

  private static final Map<String, LintRule> ALL;

  static {
    List<LintRule> r = new ArrayList<>();
    // ---- data loss -------------------------------------------------------------------------------
    r.add(rule("LN001", "drop-table", ERROR, DATA_LOSS, "DROP TABLE deletes the table and every row in it",
        "The statement drops a table that existed before this migration; its rows are gone unless restored from a backup.",
        "A model was removed or renamed in the schema; Prisma writes a DROP for a removed model and for a renamed one without @@map.",
        "-- keep the data until no release reads it, then drop it in a later migration after a backup:\nALTER TABLE orders RENAME TO orders_retired;",
        "DROP TABLE orders;", "CREATE TABLE t (id bigint PRIMARY KEY);\nDROP TABLE t;",
        (s, n, c) -> drops(s, n, c, "OBJECT_TABLE", "drops table %s and all its rows")));
    r.add(rule("LN002", "drop-column", ERROR, DATA_LOSS, "DROP COLUMN deletes the column's data",
        "The statement drops a column of an existing table: its values are lost, and a running release that still reads or writes it fails.",
        "A field was removed or renamed in the schema (Prisma drops and re-adds a renamed field without @map).",
        "-- expand/contract: stop reading and writing the column in one release, drop it in the next\nALTER TABLE users ALTER COLUMN legacy_code DROP NOT NULL;",
        "ALTER TABLE users DROP COLUMN legacy_code;", "ALTER TABLE users ALTER COLUMN legacy_code DROP NOT NULL;",
        (s, n, c) -> forCmds(s, n, c, "AT_DropColumn", (cmd, rel) -> {
          String column = cmd.path("name").asText();
          String table = quoteRelation(rel);
          String col = PgIdentifiers.quote(column);
          c.report("drops column " + rel + "." + column + " and its data", rel,
              "-- expand/contract: first a release that no longer reads or writes " + rel + "." + column
                  + (c.prisma() ? " (schema.prisma: its field made optional, ?)" : "") + ", and the column no longer required:\n"
                  + "ALTER TABLE " + table + " ALTER COLUMN " + col + " DROP NOT NULL;\n"
                  + "-- then, in a later migration, once no running release uses it and after a backup:\n"
                  + "ALTER TABLE " + table + " DROP COLUMN " + col + ";");
        })));
    r.add(rule("LN003", "drop-schema", ERROR, DATA_LOSS, "DROP SCHEMA deletes a whole schema",
        "The statement drops a schema; with CASCADE everything in it goes too.",
        "A multi-schema project removed a schema, or a cleanup script ended up in a migration.",
        "-- move what is still needed out first, then drop it explicitly, object by object\nALTER TABLE archive.orders SET SCHEMA public;",
        "DROP SCHEMA archive CASCADE;", "ALTER TABLE archive.orders SET SCHEMA public;",
        (s, n, c) -> {
          if (s.is("DropStmt") && n.path("removeType").asText().equals("OBJECT_SCHEMA")) {
            c.report("drops schema " + names(n) + " and everything in it");
          }
        }));
    r.add(rule("LN004", "drop-type", WARNING, DATA_LOSS, "DROP TYPE removes an enum or type (and enum values with it)",
        "The statement drops a type. Removing a value from an enum is done by replacing the type (Prisma renames it to _old, creates the new one, casts the columns, and drops the old one): rows that hold a removed value make the cast fail, or their value is lost if they were changed first.",
        "An enum value or an enum was removed from the schema.",
        "-- first move the rows off the value that goes away, in its own migration:\nUPDATE orders SET status = 'CANCELLED' WHERE status = 'VOID';",
        "DROP TYPE \"Status_old\";", "UPDATE orders SET status = 'CANCELLED' WHERE status = 'VOID';",
        (s, n, c) -> {
          if (s.is("DropStmt") && n.path("removeType").asText().equals("OBJECT_TYPE") && !c.createdHere(names(n))) {
            c.report("drops type " + names(n) + ": values of it that rows still hold are lost or make the migration fail");
          }
        }));
    r.add(rule("LN005", "truncate", ERROR, DATA_LOSS, "TRUNCATE deletes every row",
        "The statement empties a table (and with CASCADE, every table referencing it).",
        "A data fix or test script was written as a migration.",
        "-- delete only what must go, in batches, with a WHERE clause:\nDELETE FROM sessions WHERE expires_at < now() - interval '30 days';",
        "TRUNCATE sessions;", "DELETE FROM sessions WHERE expires_at < now() - interval '30 days';",
        (s, n, c) -> {
          if (s.is("TruncateStmt")) {
            for (JsonNode rel : Nodes.list(n, "relations")) {
              String name = Nodes.relation(rel.path("RangeVar"));
              if (!c.createdHere(name)) {
                c.report("truncates " + name + ": every row is deleted", name);
              }
            }
          }
        }));
    r.add(rule("LN006", "lossy-type-change", WARNING, DATA_LOSS, "ALTER COLUMN TYPE … USING converts values and may lose them",
        "The statement changes a column's type with an explicit conversion (USING): values that do not convert exactly are changed (rounded, cut, re-encoded) or make the migration fail.",
        "A field's type changed in the schema; Prisma adds USING for casts PostgreSQL will not do implicitly.",
        "-- expand/contract: add the new column, backfill it in batches, switch the application, drop the old one later\nALTER TABLE products ADD COLUMN price_cents bigint;",
        "ALTER TABLE products ALTER COLUMN price TYPE integer USING price::integer;", "ALTER TABLE products ADD COLUMN price_cents bigint;",
        (s, n, c) -> forCmds(s, n, c, "AT_AlterColumnType", (cmd, rel) -> {
          if (cmd.path("def").path("ColumnDef").has("raw_default")) {
            c.report("converts " + rel + "." + cmd.path("name").asText() + " with USING: values that do not convert are changed or fail", rel);
          }
        })));
    r.add(rule("LN007", "delete-without-where", ERROR, DATA_LOSS, "DELETE without WHERE deletes every row",
        "The statement deletes all rows of a table.",
        "A WHERE clause was forgotten, or a cleanup meant for a test database ended up in a migration.",
        "DELETE FROM sessions WHERE expires_at < now();",
        "DELETE FROM sessions;", "DELETE FROM sessions WHERE expires_at < now();",
        (s, n, c) -> {
          if (s.is("DeleteStmt") && !n.has("whereClause") && !c.createdHere(Nodes.relation(n.path("relation")))) {
            c.report("deletes every row of " + Nodes.relation(n.path("relation")), Nodes.relation(n.path("relation")));
          }
        }));
    r.add(rule("LN008", "update-without-where", WARNING, DATA_LOSS, "UPDATE without WHERE overwrites every row",
        "The statement updates all rows of a table: the old values are lost, and on a large table it is one long transaction that locks every row.",
        "A backfill written as one statement.",
        "-- backfill only what needs it, in batches:\nUPDATE users SET locale = 'en' WHERE locale IS NULL AND id BETWEEN 1 AND 10000;",
        "UPDATE users SET locale = 'en';", "UPDATE users SET locale = 'en' WHERE locale IS NULL AND id BETWEEN 1 AND 10000;",
        (s, n, c) -> {
          if (s.is("UpdateStmt") && !n.has("whereClause") && !c.createdHere(Nodes.relation(n.path("relation")))) {
            c.report("updates every row of " + Nodes.relation(n.path("relation")), Nodes.relation(n.path("relation")));
          }
        }));
    r.add(rule("LN009", "drop-cascade", WARNING, DATA_LOSS, "DROP … CASCADE also drops everything that depends on it",
        "The statement drops an object with CASCADE: views, foreign keys, columns of other tables and other objects that depend on it are dropped silently.",
        "CASCADE was added to get past a dependency error.",
        "-- drop the dependents explicitly, so the migration says what it removes:\nDROP VIEW active_orders;\nDROP TABLE orders;",
        "DROP VIEW order_totals CASCADE;", "DROP VIEW order_totals;",
        (s, n, c) -> {
          if (s.is("DropStmt") && n.path("behavior").asText().equals("DROP_CASCADE")) {
            c.report("drops " + names(n) + " with CASCADE: whatever depends on it is dropped too");
          }
          forCmds(s, n, c, "AT_DropColumn", (cmd, rel) -> {
            if (cmd.path("behavior").asText().equals("DROP_CASCADE")) {
              c.report("drops column " + rel + "." + cmd.path("name").asText() + " with CASCADE", rel);
            }
          });
        }));
    // ---- fails on existing data -------------------------------------------------------------------
    r.add(rule("LN010", "add-unique", WARNING, DATA_DEPENDENT, "A new unique constraint fails if the table holds duplicates",
        "The statement makes existing rows unique (a UNIQUE constraint or unique index on a table that already has rows): it fails on the first duplicate.",
        "A field became @unique or a @@unique was added.",
        "-- find duplicates first:\nSELECT email, count(*) FROM users GROUP BY email HAVING count(*) > 1;\n-- then build the index without blocking writes:\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);",
        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
        "CREATE TABLE t (id bigint PRIMARY KEY, email text);\nALTER TABLE t ADD CONSTRAINT t_email_key UNIQUE (email);",
        (s, n, c) -> {
          if (s.is("IndexStmt") && n.path("unique").asBoolean() && !c.createdHere(Nodes.relation(n.path("relation")))) {
            String rel = Nodes.relation(n.path("relation"));
            List<String> cols = new ArrayList<>();
            for (JsonNode e : Nodes.list(n, "indexParams")) {
              cols.add(e.path("IndexElem").path("name").asText(""));
            }
            String message = "unique index on existing table " + rel + " fails if it holds duplicates";
            if (cols.contains("") || n.path("idxname").asText("").isEmpty()) { // an expression: the general advice
              c.report(message, rel);
            } else {
              c.report(message, rel, uniqueFix(rel, cols, n.path("idxname").asText(), false));
            }
          }
          forConstraints(s, n, c, (con, rel) -> {
            if (con.path("contype").asText().equals("CONSTR_UNIQUE") && !con.has("indexname")) {
              List<String> cols = Nodes.names(con.path("keys"));
              String name = con.path("conname").asText("");
              String message = "unique constraint on existing table " + rel + " fails if it holds duplicates";
              if (cols.isEmpty() || name.isEmpty()) {
                c.report(message, rel);
              } else {
                c.report(message, rel, uniqueFix(rel, cols, name, true));
              }
            }
          });
        }));
    r.add(rule("LN011", "set-not-null-with-nulls", WARNING, DATA_DEPENDENT, "SET NOT NULL fails if any row holds NULL",
        "The statement makes an existing column required: it fails if a row holds NULL there.",
        "An optional field became required in the schema, without a backfill.",
        "-- backfill first (in batches on a large table), then require it:\nUPDATE users SET locale = 'en' WHERE locale IS NULL;\nALTER TABLE users ALTER COLUMN locale SET NOT NULL;",
        "ALTER TABLE users ALTER COLUMN locale SET NOT NULL;",
        "UPDATE users SET locale = 'en' WHERE locale IS NULL;\nALTER TABLE users ALTER COLUMN locale SET NOT NULL;",
        (s, n, c) -> forCmds(s, n, c, "AT_SetNotNull", (cmd, rel) -> {
          String col = cmd.path("name").asText();
          if (!backfilledEarlier(c, rel, col)) {
            c.report("makes " + rel + "." + col + " NOT NULL with no backfill of it earlier in this migration: fails if a row holds NULL", rel,
                "-- backfill first (in batches on a large table), then require it:\nUPDATE " + quoteRelation(rel) + " SET "
                    + PgIdentifiers.quote(col) + " = /* the value for the rows that have none */ WHERE " + PgIdentifiers.quote(col)
                    + " IS NULL;\nALTER TABLE " + quoteRelation(rel) + " ALTER COLUMN " + PgIdentifiers.quote(col) + " SET NOT NULL;");
          }
        })));
    r.add(rule("LN012", "required-column-without-default", ERROR, DATA_DEPENDENT, "A NOT NULL column without a default cannot be added to a table with rows",
        "The statement adds a required column without a default to an existing table: PostgreSQL fails if the table holds any row.",
        "A required field was added to a model; Prisma then warns that the step fails on a non-empty table.",
        "ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en';",
        "ALTER TABLE users ADD COLUMN locale text NOT NULL;", "ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en';",
        (s, n, c) -> forCmds(s, n, c, "AT_AddColumn", (cmd, rel) -> {
          JsonNode col = cmd.path("def").path("ColumnDef");
          if (has(col, "CONSTR_NOTNULL") && !has(col, "CONSTR_DEFAULT") && !has(col, "CONSTR_IDENTITY") && !has(col, "CONSTR_GENERATED")
              && !SERIALS.contains(Nodes.typeName(col.path("typeName")))) {
            c.report("adds required column " + rel + "." + col.path("colname").asText() + " without a default: fails if the table has rows", rel);
          }
        })));
    r.add(rule("LN013", "narrowing-type", WARNING, DATA_DEPENDENT, "Changing a column to a bounded type fails on values that do not fit",
        "The statement changes a column to a type with a limit (smallint, integer, varchar(n), char(n), numeric(p,s)): existing values that do not fit make the migration fail or are rounded.",
        "A field's type or @db attribute was narrowed in the schema.",
        "-- check first that every value fits:\nSELECT max(length(name)) FROM users;\n-- or widen instead: ALTER TABLE users ALTER COLUMN name TYPE text;",
        "ALTER TABLE users ALTER COLUMN name TYPE varchar(20);", "ALTER TABLE users ALTER COLUMN name TYPE text;",
        (s, n, c) -> forCmds(s, n, c, "AT_AlterColumnType", (cmd, rel) -> {
          JsonNode type = cmd.path("def").path("ColumnDef").path("typeName");
          String t = Nodes.typeName(type);
          List<Integer> mods = Nodes.typmods(type);
          boolean bounded = Set.of("int2", "int4", "float4").contains(t)
              || (Set.of("varchar", "bpchar", "bit", "varbit").contains(t) && !mods.isEmpty())
              // numeric(p, s) with fewer integer digits than a bigint has
              || (t.equals("numeric") && !mods.isEmpty() && mods.get(0) - (mods.size() > 1 ? mods.get(1) : 0) < 19);
          if (bounded) {
            c.report("changes " + rel + "." + cmd.path("name").asText() + " to " + typeText(type) + ": values that do not fit fail", rel);
          }
        })));
    r.add(rule("LN014", "new-enum-value-used", ERROR, DATA_DEPENDENT, "A new enum value cannot be used in the transaction that adds it",
        "The migration adds a value to an enum (ALTER TYPE … ADD VALUE) and uses it later in the same file; the file runs as one transaction, and PostgreSQL refuses to use the new value before it commits (\"unsafe use of new value\").",
        "A data migration was written in the same file as the enum change.",
        "-- migration 1:\nALTER TYPE status ADD VALUE 'ARCHIVED';\n-- migration 2 (a separate folder):\nUPDATE orders SET status = 'ARCHIVED' WHERE closed_at < '2020-01-01';",
        "ALTER TYPE status ADD VALUE 'ARCHIVED';\nUPDATE orders SET status = 'ARCHIVED' WHERE closed_at < '2020-01-01';",
        "ALTER TYPE status ADD VALUE 'ARCHIVED';",
        (s, n, c) -> {
          if (s.is("AlterEnumStmt") && n.has("newVal") && !n.has("oldVal")) {
            String literal = "'" + n.path("newVal").asText().replace("'", "''") + "'";
            for (LintStatement later : c.fileStatements().subList(c.index() + 1, c.fileStatements().size())) {
              if (!later.is("AlterEnumStmt") && later.text().contains(literal)) {
                c.report("the new value " + literal + " is used at line " + later.line() + " in the same transaction");
                return;
              }
            }
          }
        }));
    // ---- locks and rewrites -----------------------------------------------------------------------
    r.add(rule("LN020", "index-not-concurrent", WARNING, LOCKS, "CREATE INDEX without CONCURRENTLY blocks writes for the whole build",
        "The statement builds an index on an existing table under a SHARE lock: inserts, updates and deletes wait until the build ends (minutes on a large table).",
        "Prisma and most tools write plain CREATE INDEX; it is fine on a new or small table.",
        "-- in a migration of its own (CONCURRENTLY cannot run in a transaction):\nCREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);",
        "CREATE INDEX idx_orders_user_id ON orders (user_id);", "CREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);",
        (s, n, c) -> {
          if (s.is("IndexStmt") && !n.path("concurrent").asBoolean()) {
            String rel = Nodes.relation(n.path("relation"));
            c.lock(rel, LockLevel.SHARE, false, true, "builds index " + n.path("idxname").asText("") + " on " + rel + " and blocks writes meanwhile");
          }
        }));
    r.add(rule("LN021", "drop-index-not-concurrent", WARNING, LOCKS, "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock",
        "The statement drops an index under an ACCESS EXCLUSIVE lock on its table: reads and writes wait, and wait behind any long transaction first.",
        "Plain DROP INDEX is the default everywhere.",
        "-- in a migration of its own:\nDROP INDEX CONCURRENTLY IF EXISTS idx_orders_legacy;",
        "DROP INDEX idx_orders_legacy;", "DROP INDEX CONCURRENTLY IF EXISTS idx_orders_legacy;",
        (s, n, c) -> {
          if (s.is("DropStmt") && n.path("removeType").asText().equals("OBJECT_INDEX") && !n.path("concurrent").asBoolean()) {
            String idx = names(n);
            c.lock(idx, LockLevel.ACCESS_EXCLUSIVE, false, false, "drops index " + idx + " and locks its table meanwhile");
          }
        }));
    r.add(rule("LN022", "foreign-key-not-valid", WARNING, LOCKS, "A foreign key without NOT VALID checks every row under lock",
        "The statement adds a foreign key to an existing table and validates it at once: both tables take a SHARE ROW EXCLUSIVE lock (writes wait) while every row is checked.",
        "Prisma writes ADD CONSTRAINT … FOREIGN KEY in one step.",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n-- later, or in the next migration (takes only SHARE UPDATE EXCLUSIVE):\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
        (s, n, c) -> forConstraints(s, n, c, (con, rel) -> {
          if (con.path("contype").asText().equals("CONSTR_FOREIGN") && !con.path("skip_validation").asBoolean()) {
            c.lock(rel, LockLevel.SHARE_ROW_EXCLUSIVE, false, true, "adds and validates foreign key "
                + con.path("conname").asText("") + " on " + rel + " while writes wait");
          }
        })));
    r.add(rule("LN023", "check-not-valid", WARNING, LOCKS, "A CHECK constraint without NOT VALID scans the table under ACCESS EXCLUSIVE",
        "The statement adds a CHECK constraint to an existing table and validates it at once, reading every row while reads and writes wait.",
        "CHECK constraints are usually written in one step.",
        "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;",
        "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);",
        "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;",
        (s, n, c) -> forConstraints(s, n, c, (con, rel) -> {
          if (con.path("contype").asText().equals("CONSTR_CHECK") && !con.path("skip_validation").asBoolean()) {
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, false, true, "adds and validates check " + con.path("conname").asText("") + " on " + rel);
          }
        })));
    r.add(rule("LN024", "set-not-null-scan", WARNING, LOCKS, "SET NOT NULL scans the table under ACCESS EXCLUSIVE unless a validated CHECK proves it",
        "The statement makes an existing column NOT NULL: PostgreSQL reads every row to prove it, holding ACCESS EXCLUSIVE (no reads, no writes). Since PostgreSQL 12 a validated CHECK (col IS NOT NULL) lets it skip the scan.",
        "An optional field became required in the schema.",
        "ALTER TABLE users ADD CONSTRAINT users_locale_not_null CHECK (locale IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_locale_not_null;\nALTER TABLE users ALTER COLUMN locale SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_locale_not_null;",
        "ALTER TABLE users ALTER COLUMN locale SET NOT NULL;",
        "ALTER TABLE users ADD CONSTRAINT users_locale_not_null CHECK (locale IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_locale_not_null;\nALTER TABLE users ALTER COLUMN locale SET NOT NULL;",
        (s, n, c) -> forCmds(s, n, c, "AT_SetNotNull", (cmd, rel) -> {
          if (!c.validatedEarlier(rel)) {
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, false, true, "makes " + rel + "." + cmd.path("name").asText() + " NOT NULL by scanning every row");
          }
        })));
    r.add(rule("LN025", "volatile-default", WARNING, LOCKS, "A column added with a volatile default rewrites the table",
        "The statement adds a column whose default is volatile (random(), gen_random_uuid(), clock_timestamp(), a sequence): PostgreSQL computes it for every existing row, rewriting the table under ACCESS EXCLUSIVE. A constant or stable default (0, 'x', now()) is metadata-only since PostgreSQL 11.",
        "A field with @default(uuid()) mapped to gen_random_uuid(), or a serial, was added to an existing table.",
        "ALTER TABLE orders ADD COLUMN public_id uuid;\nALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();\n-- then backfill existing rows in batches:\nUPDATE orders SET public_id = gen_random_uuid() WHERE public_id IS NULL AND id BETWEEN 1 AND 10000;",
        "ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();",
        "ALTER TABLE orders ADD COLUMN public_id uuid;\nALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();",
        (s, n, c) -> forCmds(s, n, c, "AT_AddColumn", (cmd, rel) -> {
          JsonNode col = cmd.path("def").path("ColumnDef");
          boolean serial = SERIALS.contains(Nodes.typeName(col.path("typeName")));
          boolean volatileDefault = false;
          boolean anyDefault = false;
          for (JsonNode con : Nodes.list(col, "constraints")) {
            if (con.path("Constraint").path("contype").asText().equals("CONSTR_DEFAULT")) {
              anyDefault = true;
              volatileDefault |= Nodes.functionsCalled(con.path("Constraint").path("raw_expr")).stream().anyMatch(VOLATILE::contains);
            }
          }
          if (serial || volatileDefault) {
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, true, false, "adds " + rel + "." + col.path("colname").asText()
                + " with a volatile default, computed for every row");
          } else if (anyDefault && c.observed()) {
            // observed: the rewrite, if PostgreSQL did one, decides (a constant default is metadata-only)
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, true, false, "adds " + rel + "." + col.path("colname").asText()
                + " with a default computed for every row");
          }
        })));
    r.add(rule("LN026", "rewriting-type-change", WARNING, LOCKS, "ALTER COLUMN TYPE usually rewrites the table under ACCESS EXCLUSIVE",
        "The statement changes a column's type: unless the change is binary-compatible (varchar(n) to a longer varchar or to text, numeric to a larger precision), PostgreSQL rewrites the table and its indexes while reads and writes wait.",
        "A field's type or @db attribute changed in the schema.",
        "-- expand/contract: add a column of the new type, backfill it in batches, switch reads and writes, drop the old one\nALTER TABLE events ADD COLUMN payload_v2 jsonb;",
        "ALTER TABLE events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;", "ALTER TABLE events ALTER COLUMN payload TYPE text;",
        (s, n, c) -> forCmds(s, n, c, "AT_AlterColumnType", (cmd, rel) -> {
          JsonNode type = cmd.path("def").path("ColumnDef").path("typeName");
          String t = Nodes.typeName(type);
          // binary-compatible changes (no rewrite): among text/varchar, numeric to numeric, varbit to varbit;
          // when the old type is unknown (the table came from outside the files linted) the benefit of the doubt
          Optional<String> old = c.columnType(rel, cmd.path("name").asText());
          Set<String> textual = Set.of("text", "varchar");
          boolean maybeMetadataOnly = !cmd.path("def").path("ColumnDef").has("raw_default")
              && (textual.contains(t) || t.equals("numeric") || t.equals("varbit"))
              && old.map(o -> o.equals(t) || (textual.contains(o) && textual.contains(t))).orElse(true);
          // observed: the rewrite decides either way (varchar(10) to varchar(20) is metadata-only, to varchar(5) rewrites)
          if (!maybeMetadataOnly || c.observed()) {
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, true, false, "changes " + rel + "." + cmd.path("name").asText() + " to " + typeText(type));
          }
        })));
    r.add(rule("LN027", "constraint-without-index", WARNING, LOCKS, "PRIMARY KEY or UNIQUE added without a prebuilt index builds it under lock",
        "The statement adds a PRIMARY KEY or UNIQUE constraint to an existing table, which builds its index while holding ACCESS EXCLUSIVE.",
        "A @id or @unique was added to an existing model.",
        "-- in its own migration:\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n-- then (brief lock):\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
        (s, n, c) -> forConstraints(s, n, c, (con, rel) -> {
          String t = con.path("contype").asText();
          if ((t.equals("CONSTR_PRIMARY") || t.equals("CONSTR_UNIQUE")) && !con.has("indexname")) {
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, false, true, "builds the index of " + (t.equals("CONSTR_PRIMARY") ? "a primary key" : "a unique constraint")
                + " on " + rel + " under lock");
          }
        })));
    r.add(rule("LN028", "concurrently-in-transaction", ERROR, LOCKS, "CONCURRENTLY cannot run inside a transaction",
        "The statement uses CONCURRENTLY (index build or drop, reindex, detach partition) in a migration that runs in a transaction (an explicit BEGIN, or several statements, which run as one transaction): PostgreSQL refuses it (\"cannot run inside a transaction block\").",
        "A concurrent index was added to a migration that also does other things.",
        "-- a migration folder holding only this statement:\nCREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);",
        "CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);",
        "CREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);",
        (s, n, c) -> {
          boolean concurrent = ((s.is("IndexStmt") || s.is("DropStmt")) && n.path("concurrent").asBoolean())
              || (s.is("ReindexStmt") && hasOption(n, "params", "concurrently"));
          long others = c.fileStatements().stream().filter(x -> !x.is("VariableSetStmt")).count();
          if (concurrent && (c.inExplicitTransaction() || others > 1)) {
            c.report("CONCURRENTLY inside a transaction: PostgreSQL refuses it; put it in a migration of its own");
          }
        }));
    r.add(rule("LN029", "missing-lock-timeout", WARNING, LOCKS, "DDL without lock_timeout can queue all traffic behind it",
        "The migration takes a strong lock on an existing table without SET lock_timeout first. If a long transaction holds the table, the migration waits for it, and every query of the application queues behind the migration: an outage that lasts as long as that transaction.",
        "Migrations rarely set lock_timeout; strata migrate deploy's guard does, but other runners do not.",
        "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;",
        "ALTER TABLE users ADD COLUMN note text;", "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;",
        (s, n, c) -> {
          if (c.lockTimeoutSet() || strongLockTarget(s, c).isEmpty()) {
            return;
          }
          for (LintStatement before : c.fileStatements().subList(0, c.index())) {
            if (strongLockTarget(before, c).isPresent()) {
              return;
            }
          }
          c.report("locks " + strongLockTarget(s, c).get() + " with no lock_timeout set: a long transaction on it would queue every query behind this migration",
              strongLockTarget(s, c).get());
        }));
    r.add(rule("LN030", "dml-with-ddl", WARNING, LOCKS, "Long DML in the same transaction as DDL keeps the DDL's locks",
        "The migration changes rows (UPDATE, DELETE, INSERT … SELECT) of an existing table in the same transaction as schema changes: the DDL's locks stay held until the data change commits.",
        "A backfill was written into the schema migration.",
        "-- run the backfill as its own migration (or outside migrations), in batches:\nUPDATE users SET locale = 'en' WHERE locale IS NULL AND id BETWEEN 1 AND 10000;",
        "ALTER TABLE users ADD COLUMN locale text;\nUPDATE users SET locale = 'en' WHERE locale IS NULL;",
        "UPDATE users SET locale = 'en' WHERE locale IS NULL AND id BETWEEN 1 AND 10000;",
        (s, n, c) -> {
          boolean dml = s.is("UpdateStmt") || s.is("DeleteStmt") || (s.is("InsertStmt") && n.path("selectStmt").path("SelectStmt").has("fromClause"));
          if (!dml || c.createdHere(Nodes.relation(n.path("relation")))) {
            return;
          }
          for (LintStatement other : c.fileStatements()) {
            if ((other.is("AlterTableStmt") || (other.is("IndexStmt") && !other.tree().path("concurrent").asBoolean()))
                && !c.createdHere(Nodes.relation(other.tree().path("relation")))) {
              c.report("changes rows of " + Nodes.relation(n.path("relation")) + " in the same transaction as the DDL at line " + other.line(),
                  Nodes.relation(n.path("relation")));
              return;
            }
          }
        }));
    r.add(rule("LN031", "vacuum-full", ERROR, LOCKS, "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE",
        "VACUUM FULL copies the whole table while nothing can read or write it.",
        "Someone wanted to reclaim space.",
        "-- plain VACUUM (no exclusive lock), or pg_repack outside migrations:\nVACUUM (ANALYZE) orders;",
        "VACUUM FULL orders;", "VACUUM (ANALYZE) orders;",
        (s, n, c) -> {
          if (s.is("VacuumStmt") && n.path("is_vacuumcmd").asBoolean() && hasOption(n, "options", "full")) {
            c.report("VACUUM FULL rewrites each table it names under ACCESS EXCLUSIVE (no reads, no writes)");
          }
        }));
    r.add(rule("LN032", "cluster", ERROR, LOCKS, "CLUSTER rewrites the table under ACCESS EXCLUSIVE",
        "CLUSTER reorders the table by rewriting it while nothing can read or write it.",
        "Someone wanted rows in index order.",
        "-- outside migrations, with pg_repack --order-by, or not at all\nANALYZE orders;",
        "CLUSTER orders USING orders_pkey;", "ANALYZE orders;",
        (s, n, c) -> {
          if (s.is("ClusterStmt")) {
            c.report("CLUSTER rewrites the table under ACCESS EXCLUSIVE (no reads, no writes)");
          }
        }));
    r.add(rule("LN033", "reindex-not-concurrent", WARNING, LOCKS, "REINDEX without CONCURRENTLY blocks writes",
        "REINDEX rebuilds indexes under a lock that blocks writes (and reads that use the index).",
        "An index was bloated or corrupt.",
        "-- in a migration of its own:\nREINDEX INDEX CONCURRENTLY idx_orders_user_id;",
        "REINDEX INDEX idx_orders_user_id;", "REINDEX INDEX CONCURRENTLY idx_orders_user_id;",
        (s, n, c) -> {
          if (s.is("ReindexStmt") && !hasOption(n, "params", "concurrently")) {
            c.report("REINDEX without CONCURRENTLY blocks writes while it rebuilds");
          }
        }));
    r.add(rule("LN034", "refresh-not-concurrent", WARNING, LOCKS, "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads",
        "A plain refresh takes ACCESS EXCLUSIVE on the materialized view: every query of it waits until the refresh ends.",
        "Plain REFRESH is the default.",
        "-- needs a unique index on the view:\nREFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;",
        "REFRESH MATERIALIZED VIEW order_totals;", "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;",
        (s, n, c) -> {
          if (s.is("RefreshMatViewStmt") && !n.path("concurrent").asBoolean()) {
            String rel = Nodes.relation(n.path("relation"));
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, true, false, "refreshes " + rel + " while its readers wait");
          }
        }));
    r.add(rule("LN035", "lock-table", WARNING, LOCKS, "LOCK TABLE in a migration",
        "The migration locks a table explicitly; in the strongest modes the application cannot read or write it until the migration commits.",
        "Someone wanted to keep writers out during a data change.",
        "-- prefer statements that need weaker locks; if you must, bound the wait:\nSET lock_timeout = '5s';",
        "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;", "SET lock_timeout = '5s';",
        (s, n, c) -> {
          if (s.is("LockStmt")) {
            for (JsonNode rel : Nodes.list(n, "relations")) {
              String name = Nodes.relation(rel.path("RangeVar"));
              c.lock(name, LockLevel.ACCESS_EXCLUSIVE, false, false, "locks " + name + " explicitly until the migration commits");
            }
          }
        }));
    r.add(rule("LN036", "set-logged", WARNING, LOCKS, "SET LOGGED / UNLOGGED rewrites the table",
        "Changing a table's persistence rewrites it (and writes it all to the WAL) under ACCESS EXCLUSIVE.",
        "A table was made unlogged for a bulk load, or back.",
        "-- create the table with the persistence it needs, or do it in a maintenance window\nCREATE UNLOGGED TABLE import_staging (line text);",
        "ALTER TABLE orders SET UNLOGGED;", "CREATE UNLOGGED TABLE import_staging (line text);",
        (s, n, c) -> {
          forCmds(s, n, c, "AT_SetLogged", (cmd, rel) -> c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, true, false, "SET LOGGED rewrites " + rel));
          forCmds(s, n, c, "AT_SetUnLogged", (cmd, rel) -> c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, true, false, "SET UNLOGGED rewrites " + rel));
        }));
    r.add(rule("LN037", "stored-generated-column", WARNING, LOCKS, "Adding a stored generated column rewrites the table",
        "The statement adds a GENERATED ALWAYS AS (…) STORED column to an existing table: every row is rewritten under ACCESS EXCLUSIVE.",
        "A computed column was added.",
        "-- a plain column kept up to date by the application or a trigger, backfilled in batches:\nALTER TABLE orders ADD COLUMN total_cents bigint;",
        "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;",
        "ALTER TABLE orders ADD COLUMN total_cents bigint;",
        (s, n, c) -> forCmds(s, n, c, "AT_AddColumn", (cmd, rel) -> {
          if (has(cmd.path("def").path("ColumnDef"), "CONSTR_GENERATED")) {
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, true, false, "adds stored generated column " + cmd.path("def").path("ColumnDef").path("colname").asText());
          }
        })));
    r.add(rule("LN038", "identity-column-added", WARNING, LOCKS, "Adding an identity column rewrites the table",
        "The statement adds a GENERATED … AS IDENTITY column to an existing table: a value is drawn for every row, rewriting the table under ACCESS EXCLUSIVE.",
        "An auto-increment key was added to an existing model.",
        "-- add a nullable column, fill it in batches from a sequence, then add the identity or constraint\nALTER TABLE events ADD COLUMN seq bigint;",
        "ALTER TABLE events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;", "ALTER TABLE events ADD COLUMN seq bigint;",
        (s, n, c) -> forCmds(s, n, c, "AT_AddColumn", (cmd, rel) -> {
          if (has(cmd.path("def").path("ColumnDef"), "CONSTR_IDENTITY")) {
            c.lock(rel, LockLevel.ACCESS_EXCLUSIVE, true, false, "adds identity column " + cmd.path("def").path("ColumnDef").path("colname").asText());
          }
        })));
    // ---- breaks the running application ---------------------------------------------------------
    r.add(rule("LN040", "rename-table", WARNING, COMPATIBILITY, "Renaming a table breaks the release that still uses the old name",
        "During a deploy the previous release keeps running and still queries the old table name; it fails from the moment the migration commits.",
        "A model was renamed with @@map changed, or by hand.",
        "-- expand/contract: create the new name as a view over the old table, switch the application, then rename\nCREATE VIEW customers AS SELECT * FROM users;",
        "ALTER TABLE users RENAME TO customers;", "CREATE VIEW customers AS SELECT * FROM users;",
        (s, n, c) -> {
          if (s.is("RenameStmt") && n.path("renameType").asText().equals("OBJECT_TABLE") && !c.createdHere(Nodes.relation(n.path("relation")))) {
            c.report("renames table " + Nodes.relation(n.path("relation")) + " to " + n.path("newname").asText()
                + ": the running release still uses the old name", Nodes.relation(n.path("relation")));
          }
        }));
    r.add(rule("LN041", "rename-column", WARNING, COMPATIBILITY, "Renaming a column breaks the release that still uses the old name",
        "During a deploy the previous release keeps running and still reads and writes the old column name.",
        "A field's @map changed, or a column was renamed by hand.",
        "-- expand/contract: add the new column, write both, backfill, switch reads, drop the old one later\nALTER TABLE users ADD COLUMN full_name text;",
        "ALTER TABLE users RENAME COLUMN name TO full_name;", "ALTER TABLE users ADD COLUMN full_name text;",
        (s, n, c) -> {
          if (s.is("RenameStmt") && n.path("renameType").asText().equals("OBJECT_COLUMN") && !c.createdHere(Nodes.relation(n.path("relation")))) {
            c.report("renames column " + Nodes.relation(n.path("relation")) + "." + n.path("subname").asText() + " to "
                + n.path("newname").asText() + ": the running release still uses the old name", Nodes.relation(n.path("relation")));
          }
        }));
    r.add(rule("LN042", "rename-type-or-value", WARNING, COMPATIBILITY, "Renaming a type or an enum value breaks the release that still uses it",
        "The running release still sends the old enum value (or casts to the old type name); it fails once the migration commits.",
        "An enum value was renamed, or Prisma replaced an enum (it renames the old type to _old first).",
        "-- add the new value, switch the application, migrate the rows, retire the old value later\nALTER TYPE status ADD VALUE 'SHIPPED';",
        "ALTER TYPE status RENAME VALUE 'SENT' TO 'SHIPPED';", "ALTER TYPE status ADD VALUE 'SHIPPED';",
        (s, n, c) -> {
          if (s.is("AlterEnumStmt") && n.has("oldVal")) {
            c.report("renames enum value '" + n.path("oldVal").asText() + "' of " + Nodes.dotted(n.path("typeName")) + ": the running release still sends it");
          } else if (s.is("RenameStmt") && n.path("renameType").asText().equals("OBJECT_TYPE")) {
            c.report("renames type " + Nodes.dotted(n.path("object").path("List").path("items")) + " to " + n.path("newname").asText());
          }
        }));
    r.add(rule("LN043", "drop-view-or-function", WARNING, COMPATIBILITY, "Dropping a view or function breaks the release that still calls it",
        "The running release may still query the view or call the function.",
        "A view or function was replaced.",
        "-- replace it in place, keeping its name and columns:\nCREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL;",
        "DROP VIEW active_users;", "CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL;",
        (s, n, c) -> {
          String t = n.path("removeType").asText();
          if (s.is("DropStmt") && Set.of("OBJECT_VIEW", "OBJECT_MATVIEW", "OBJECT_FUNCTION", "OBJECT_PROCEDURE").contains(t) && !c.createdHere(names(n))) {
            c.report("drops " + t.substring(7).toLowerCase(Locale.ROOT) + " " + names(n) + ": the running release may still use it");
          }
        }));
    // ---- schema quality ("Don't Do This" and the seeds) -------------------------------------------
    r.add(typeRule("LN050", "timestamp-without-time-zone", WARNING, "timestamp without time zone",
        "A timestamp without time zone stores a wall-clock reading with no zone: the same instant reads differently depending on the session's TimeZone, and arithmetic across DST is wrong (PostgreSQL's \"Don't Do This\").",
        "ALTER TABLE events ADD COLUMN happened_at timestamptz;", "ALTER TABLE events ADD COLUMN happened_at timestamp;",
        t -> t.equals("timestamp"), Optional.of(PRISMA_TIMESTAMP),
        new TypeFix("timestamptz", "%s AT TIME ZONE 'UTC'", "@db.Timestamptz(3) instead of %s; the USING reads the stored values as UTC")));
    r.add(typeRule("LN051", "char-n", WARNING, "char(n)",
        "char(n) pads values with spaces to n characters, compares ignoring them, and is no faster than text (\"Don't Do This\").",
        "ALTER TABLE countries ADD COLUMN code text CHECK (length(code) = 2);", "ALTER TABLE countries ADD COLUMN code char(2);",
        t -> t.equals("bpchar"), Optional.empty(), new TypeFix("text", "", "String without %s is text")));
    r.add(typeRule("LN052", "money", WARNING, "money",
        "money depends on the lc_monetary setting, has a fixed fraction and rounds in surprising ways (\"Don't Do This\").",
        "ALTER TABLE orders ADD COLUMN total numeric(12, 2);", "ALTER TABLE orders ADD COLUMN total money;",
        t -> t.equals("money"), Optional.empty(), new TypeFix("numeric(12, 2)", "", "@db.Decimal(12, 2) instead of %s")));
    r.add(rule("LN053", "serial", INFO, QUALITY, "serial instead of an identity column",
        "serial creates a sequence owned loosely by the column: permissions, copies of the table and dumps handle it badly. An identity column (GENERATED BY DEFAULT AS IDENTITY) is the standard form (\"Don't Do This\").",
        "serial is the older way to write an auto-increment key.",
        "CREATE TABLE orders (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);",
        "CREATE TABLE orders (id serial PRIMARY KEY);", "CREATE TABLE orders (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);",
        (s, n, c) -> columns(s, n, (col, rel) -> {
          String t = Nodes.typeName(col.path("typeName"));
          if (SERIALS.contains(t)) {
            c.report(rel + "." + col.path("colname").asText() + " is " + t + "; prefer an identity column", rel);
          }
        }), true, Optional.of(PRISMA_SERIAL)));
    r.add(typeRule("LN054", "varchar-n", INFO, "varchar(n)",
        "varchar(n) limits the length for no gain in speed or space; changing the limit later is a migration of its own. text, with a CHECK on length if the limit is a business rule, is preferred (\"Don't Do This\").",
        "ALTER TABLE users ADD COLUMN nickname text CHECK (length(nickname) <= 40);", "ALTER TABLE users ADD COLUMN nickname varchar(40);",
        t -> t.startsWith("varchar("), Optional.empty(), new TypeFix("text", "", "String without %s is text")));
    r.add(rule("LN055", "foreign-key-without-index", WARNING, QUALITY, "A foreign key without an index on its columns",
        "Deleting or updating a referenced row must find the referencing rows: without an index on the foreign key's columns each such change scans the referencing table, and joins along the relation are slow.",
        "PostgreSQL does not index foreign keys by itself; Prisma's relationMode = \"prisma\" and many hand-written schemas forget it.",
        "CREATE INDEX idx_orders_user_id ON orders (user_id);\nALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\nALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\nCREATE INDEX idx_orders_user_id ON orders (user_id);\nALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
        (s, n, c) -> forConstraints(s, n, c, true, (con, rel) -> {
          if (!con.path("contype").asText().equals("CONSTR_FOREIGN") || !c.tableKnown(rel)) {
            return;
          }
          List<String> cols = Nodes.names(con.path("fk_attrs"));
          if (cols.isEmpty() || c.indexed(rel, cols) || indexedLater(c, rel, cols)) {
            return;
          }
          c.report("foreign key " + con.path("conname").asText("") + " on " + rel + " (" + String.join(", ", cols) + ") has no index on its columns",
              rel, foreignKeyIndexFix(rel, cols, c));
        })));
    r.add(rule("LN056", "table-without-primary-key", WARNING, QUALITY, "A table without a primary key",
        "Rows of a table without a primary key cannot be addressed reliably: updates and deletes by key, logical replication and most tools need one.",
        "A join or log table was created without a key.",
        "CREATE TABLE audit_log (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, message text);",
        "CREATE TABLE audit_log (message text);", "CREATE TABLE audit_log (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, message text);",
        (s, n, c) -> {
          if (!s.is("CreateStmt") || n.has("partbound") || n.path("relation").path("relpersistence").asText().equals("t")) {
            return;
          }
          String rel = Nodes.relation(n.path("relation"));
          boolean pk = false;
          for (JsonNode elt : Nodes.list(n, "tableElts")) {
            pk |= elt.path("Constraint").path("contype").asText().equals("CONSTR_PRIMARY") || has(elt.path("ColumnDef"), "CONSTR_PRIMARY");
          }
          for (LintStatement later : c.fileStatements().subList(c.index() + 1, c.fileStatements().size())) {
            if (later.is("AlterTableStmt") && Nodes.relation(later.tree().path("relation")).equals(rel)) {
              for (JsonNode cmd : Nodes.list(later.tree(), "cmds")) {
                pk |= cmd.path("AlterTableCmd").path("def").path("Constraint").path("contype").asText().equals("CONSTR_PRIMARY");
              }
            }
          }
          if (!pk) {
            c.report("table " + rel + " has no primary key", rel);
          }
        }));
    r.add(rule("LN057", "case-sensitive-name", INFO, QUALITY, "A quoted name with capital letters must be quoted forever",
        "An identifier with capital letters only exists quoted: every query must write \"User\" with the quotes, and users, User and USER name other things (\"Don't Do This\").",
        "Names were quoted to keep the case of the model's name.",
        "CREATE TABLE app_user (id bigint PRIMARY KEY, created_at timestamptz);",
        "CREATE TABLE \"AppUser\" (id bigint PRIMARY KEY);", "CREATE TABLE app_user (id bigint PRIMARY KEY);",
        (s, n, c) -> {
          if (s.is("CreateStmt")) {
            String rel = n.path("relation").path("relname").asText();
            List<String> bad = new ArrayList<>();
            if (!rel.equals(rel.toLowerCase(Locale.ROOT))) {
              bad.add(rel);
            }
            for (JsonNode elt : Nodes.list(n, "tableElts")) {
              String col = elt.path("ColumnDef").path("colname").asText("");
              if (!col.equals(col.toLowerCase(Locale.ROOT))) {
                bad.add(col);
              }
            }
            if (!bad.isEmpty()) {
              c.report("case-sensitive names in " + Nodes.relation(n.path("relation")) + ": " + String.join(", ", bad.subList(0, Math.min(5, bad.size())))
                  + (bad.size() > 5 ? ", …" : ""), Nodes.relation(n.path("relation")));
            }
          }
        }, true, Optional.of(PRISMA_NAMES)));
    r.add(rule("LN058", "not-in-subquery", WARNING, QUALITY, "NOT IN over a subquery in a view",
        "x NOT IN (SELECT …) is never true when the subquery yields a NULL, so the view silently returns no rows; it also plans badly (\"Don't Do This\").",
        "NOT IN reads naturally.",
        "CREATE VIEW orphans AS SELECT * FROM orders o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id);",
        "CREATE VIEW orphans AS SELECT * FROM orders WHERE user_id NOT IN (SELECT id FROM users);",
        "CREATE VIEW orphans AS SELECT * FROM orders o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id);",
        (s, n, c) -> {
          if (s.is("ViewStmt") || (s.is("CreateTableAsStmt") && n.path("objtype").asText().equals("OBJECT_MATVIEW"))) {
            boolean[] found = {false};
            Nodes.walk(n, x -> {
              JsonNode b = x.path("BoolExpr");
              if (b.path("boolop").asText().equals("NOT_EXPR")) {
                for (JsonNode arg : Nodes.list(b, "args")) {
                  found[0] |= arg.path("SubLink").path("subLinkType").asText().equals("ANY_SUBLINK");
                }
              }
            });
            if (found[0]) {
              c.report("NOT IN (SELECT …) in a view: no rows at all as soon as the subquery yields a NULL");
            }
          }
        }));
    r.add(typeRule("LN059", "json-not-jsonb", INFO, "json",
        "json stores the text as written and reparses it on every access; jsonb is indexed, compared and queried efficiently.",
        "ALTER TABLE events ADD COLUMN payload jsonb;", "ALTER TABLE events ADD COLUMN payload json;",
        t -> t.equals("json"), Optional.empty(), new TypeFix("jsonb", "", "Json without %s is jsonb")));
    r.add(rule("LN060", "integer-primary-key", INFO, QUALITY, "A 32-bit primary key runs out at 2.1 billion",
        "An integer (or serial) key overflows at 2,147,483,647 rows inserted (including rolled-back ones); moving to bigint later rewrites the table and every referencing one.",
        "int is the default integer type.",
        "CREATE TABLE events (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);",
        "CREATE TABLE events (id integer PRIMARY KEY);", "CREATE TABLE events (id bigint PRIMARY KEY);",
        (s, n, c) -> {
          if (!s.is("CreateStmt")) {
            return;
          }
          List<String> pkCols = new ArrayList<>();
          for (JsonNode elt : Nodes.list(n, "tableElts")) {
            if (elt.path("Constraint").path("contype").asText().equals("CONSTR_PRIMARY")) {
              pkCols.addAll(Nodes.names(elt.path("Constraint").path("keys")));
            }
          }
          for (JsonNode elt : Nodes.list(n, "tableElts")) {
            JsonNode col = elt.path("ColumnDef");
            String t = Nodes.typeName(col.path("typeName"));
            boolean pk = has(col, "CONSTR_PRIMARY") || (pkCols.size() == 1 && pkCols.contains(col.path("colname").asText()));
            if (pk && Set.of("int4", "int2", "serial", "serial4", "smallserial", "serial2").contains(t)) {
              c.report("primary key " + Nodes.relation(n.path("relation")) + "." + col.path("colname").asText() + " is " + t + "; use bigint",
                  Nodes.relation(n.path("relation")));
            }
          }
        }, true, Optional.of(PRISMA_SERIAL)));
    r.add(rule("LN061", "create-rule", WARNING, QUALITY, "Rules instead of triggers",
        "Rules rewrite queries rather than act on rows; they surprise with volatile functions, RETURNING and multi-row statements (\"Don't Do This\").",
        "Rules look like a simple way to redirect writes.",
        "CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();",
        "CREATE RULE orders_log AS ON UPDATE TO orders DO ALSO INSERT INTO orders_log VALUES (new.id);",
        "CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();",
        (s, n, c) -> {
          if (s.is("RuleStmt")) {
            c.report("CREATE RULE " + n.path("rulename").asText() + ": use a trigger");
          }
        }));
    r.add(rule("LN062", "table-inheritance", INFO, QUALITY, "Table inheritance",
        "Inheritance does not carry unique constraints or foreign keys to child tables and is largely superseded by declarative partitioning (\"Don't Do This\").",
        "It was used for partitioning before PostgreSQL 10, or to share columns.",
        "CREATE TABLE measurements (taken_on date NOT NULL, value numeric) PARTITION BY RANGE (taken_on);",
        "CREATE TABLE cities_capital (capital_of text) INHERITS (cities);",
        "CREATE TABLE measurements (taken_on date NOT NULL, value numeric) PARTITION BY RANGE (taken_on);",
        (s, n, c) -> {
          if (s.is("CreateStmt") && !Nodes.list(n, "inhRelations").isEmpty() && !n.has("partbound")) {
            c.report("table " + Nodes.relation(n.path("relation")) + " uses INHERITS", Nodes.relation(n.path("relation")));
          }
        }));
    r.add(typeRule("LN063", "timetz", WARNING, "time with time zone",
        "timetz stores a time of day with a fixed UTC offset, which cannot follow daylight saving time: it is not useful (\"Don't Do This\").",
        "ALTER TABLE shops ADD COLUMN opens_at time;", "ALTER TABLE shops ADD COLUMN opens_at timetz;",
        t -> t.equals("timetz"), Optional.empty()));
    // ---- conventions (off unless enabled in strata.toml) -------------------------------------------
    r.add(rule("LN070", "index-naming", INFO, CONVENTION, "Index names follow idx_<table>_<columns>",
        "The team's convention names every index idx_<table>_<columns> (seed conventions); this one does not.",
        "The name was written by hand or by a tool with other conventions (Prisma: <Table>_<column>_idx).",
        "CREATE INDEX idx_orders_user_id ON orders (user_id);",
        "CREATE INDEX orders_by_user ON orders (user_id);", "CREATE INDEX idx_orders_user_id ON orders (user_id);",
        (s, n, c) -> {
          if (s.is("IndexStmt") && n.has("idxname")) {
            List<String> cols = new ArrayList<>();
            for (JsonNode e : Nodes.list(n, "indexParams")) {
              cols.add(e.path("IndexElem").path("name").asText("expr"));
            }
            String prefix = c.setting("index_prefix", n.path("unique").asBoolean() ? "uq" : "idx");
            String want = prefix + "_" + n.path("relation").path("relname").asText() + "_" + String.join("_", cols);
            String alt = "idx_" + n.path("relation").path("relname").asText() + "_" + String.join("_", cols);
            if (!n.path("idxname").asText().equals(want) && !n.path("idxname").asText().equals(alt)) {
              c.report("index " + n.path("idxname").asText() + " should be named " + want);
            }
          }
        }, false, Optional.empty()));
    r.add(rule("LN071", "foreign-key-naming", INFO, CONVENTION, "Foreign key names follow fk_<table>_<referenced table>",
        "The team's convention names every foreign key fk_<table>_<referenced table>; this one does not.",
        "The name was written by hand or by a tool with other conventions (Prisma: <Table>_<column>_fkey).",
        "ALTER TABLE orders ADD CONSTRAINT fk_orders_users FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
        "ALTER TABLE orders ADD CONSTRAINT fk_orders_users FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
        (s, n, c) -> forConstraints(s, n, c, true, (con, rel) -> {
          if (con.path("contype").asText().equals("CONSTR_FOREIGN")) {
            String want = "fk_" + bare(rel) + "_" + con.path("pktable").path("relname").asText();
            if (!con.path("conname").asText("").equals(want)) {
              c.report("foreign key " + con.path("conname").asText("(unnamed)") + " should be named " + want, rel);
            }
          }
        }), false, Optional.empty()));
    r.add(rule("LN072", "timestamp-columns", INFO, CONVENTION, "Tables have created_at and updated_at",
        "The team's convention gives every table created_at and updated_at columns (seed conventions); this table lacks one.",
        "The table was created without the standard columns.",
        "CREATE TABLE notes (id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());",
        "CREATE TABLE notes (id bigint PRIMARY KEY);",
        "CREATE TABLE notes (id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());",
        (s, n, c) -> standardColumns(s, n, c, List.of(c.setting("created_column", "created_at"), c.setting("updated_column", "updated_at"))),
        false, Optional.empty()));
    r.add(rule("LN073", "soft-delete-column", INFO, CONVENTION, "Tables have deleted_at",
        "The team's convention soft-deletes rows: every table has a deleted_at column; this table lacks it.",
        "The table was created without the standard column.",
        "CREATE TABLE notes (id bigint PRIMARY KEY, deleted_at timestamptz);",
        "CREATE TABLE notes (id bigint PRIMARY KEY);", "CREATE TABLE notes (id bigint PRIMARY KEY, deleted_at timestamptz);",
        (s, n, c) -> standardColumns(s, n, c, List.of(c.setting("deleted_column", "deleted_at"))), false, Optional.empty()));
    r.add(rule("LN074", "snake-case", INFO, CONVENTION, "Names are snake_case",
        "The team's convention writes table and column names in snake_case (lower case, digits and underscores).",
        "Names kept the case of the code's models.",
        "CREATE TABLE order_items (id bigint PRIMARY KEY, unit_price numeric);",
        "CREATE TABLE \"OrderItems\" (id bigint PRIMARY KEY, \"unitPrice\" numeric);", "CREATE TABLE order_items (id bigint PRIMARY KEY, unit_price numeric);",
        (s, n, c) -> {
          if (s.is("CreateStmt")) {
            List<String> bad = new ArrayList<>();
            if (!snake(n.path("relation").path("relname").asText())) {
              bad.add(n.path("relation").path("relname").asText());
            }
            for (JsonNode elt : Nodes.list(n, "tableElts")) {
              String col = elt.path("ColumnDef").path("colname").asText(null);
              if (col != null && !snake(col)) {
                bad.add(col);
              }
            }
            if (!bad.isEmpty()) {
              c.report("not snake_case: " + String.join(", ", bad), Nodes.relation(n.path("relation")));
            }
          }
        }, false, Optional.empty()));
    // ---- parse -------------------------------------------------------------------------------------
    r.add(rule("LN099", "unparsable-statement", ERROR, PARSE, "PostgreSQL cannot parse the statement",
        "PostgreSQL's own parser (libpg_query) rejects the statement: applying the migration would fail there. Nothing else is checked on it.",
        "A typo, a statement for another database, or text that is not SQL.",
        "-- fix the statement so that PostgreSQL accepts it, e.g.:\nALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALLID;",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
        (s, n, c) -> s.parseError().ifPresent(e -> c.report("PostgreSQL cannot parse this statement: " + e))));

    Map<String, LintRule> all = new LinkedHashMap<>();
    for (LintRule rule : r) {
      if (all.put(rule.code(), rule) != null) {
        throw new IllegalStateException("duplicate lint code " + rule.code());
      }
    }
    ALL = Collections.unmodifiableMap(all);
  }

  private LintRules() {}

  /** Every rule, in code order. */
  public static List<LintRule> all() {
    return List.copyOf(ALL.values());
  }

  public static Optional<LintRule> byCode(String code) {
    return Optional.ofNullable(ALL.get(code.trim().toUpperCase(Locale.ROOT)));
  }

  /** Code → one-line title, for the diagnostic code registry. */
  public static Map<String, String> codes() {
    Map<String, String> out = new LinkedHashMap<>();
    ALL.values().forEach(r -> out.put(r.code(), r.title()));
    return out;
  }

  /**
   * The safe alternative written for the statement itself, for the rules where it is mechanical
   * (add CONCURRENTLY, NOT VALID then VALIDATE, a lock_timeout first); else the rule's example.
   */
  public static String fixFor(LintRule rule, LintStatement s) {
    String text = s.text().strip();
    String body = text.endsWith(";") ? text.substring(0, text.length() - 1).stripTrailing() : text;
    java.util.regex.Matcher m;
    switch (rule.code()) {
      case "LN020":
        m = java.util.regex.Pattern.compile("(?i)^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+").matcher(body);
        if (m.find()) {
          return "-- in a migration of its own (CONCURRENTLY cannot run in a transaction):\n"
              + m.replaceFirst("CREATE " + (m.group(1) == null ? "" : "UNIQUE ") + "INDEX CONCURRENTLY ") + ";";
        }
        break;
      case "LN021":
        m = java.util.regex.Pattern.compile("(?i)^DROP\\s+INDEX\\s+").matcher(body);
        if (m.find()) {
          return "-- in a migration of its own:\n" + m.replaceFirst("DROP INDEX CONCURRENTLY ") + ";";
        }
        break;
      case "LN022", "LN023":
        m = java.util.regex.Pattern.compile("(?is)^ALTER\\s+TABLE\\s+(?:ONLY\\s+)?(\\S+)\\s+ADD\\s+CONSTRAINT\\s+(\\S+)\\s.*").matcher(body);
        if (m.matches() && !body.contains(",\n") && !body.toUpperCase(Locale.ROOT).contains("NOT VALID")) {
          return body + " NOT VALID;\n-- then, in the next migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\nALTER TABLE "
              + m.group(1) + " VALIDATE CONSTRAINT " + m.group(2) + ";";
        }
        break;
      case "LN029":
        // the statement itself stays where it is: only its first line, in the comment, says where this goes
        return "SET lock_timeout = '5s';  -- the migration's first statement, before: " + s.firstLine().strip();
      default:
        break;
    }
    return rule.safeSql().strip();
  }

  /**
   * LN010's fix for this unique index or constraint: the query that finds the duplicates, then the
   * index built concurrently under the same name (and the constraint made from it).
   */
  private static String uniqueFix(String rel, List<String> cols, String name, boolean constraint) {
    String columns = cols.stream().map(PgIdentifiers::quote).collect(java.util.stream.Collectors.joining(", "));
    String table = quoteRelation(rel);
    return "-- find the duplicates first:\nSELECT " + columns + ", count(*) FROM " + table + " GROUP BY " + columns
        + " HAVING count(*) > 1;\n-- then build the index without blocking writes, in a migration of its own:\nCREATE UNIQUE INDEX CONCURRENTLY "
        + PgIdentifiers.quote(name) + " ON " + table + " (" + columns + ");"
        + (constraint ? "\n-- and make it the constraint (a brief lock, no scan):\nALTER TABLE " + table + " ADD CONSTRAINT "
            + PgIdentifiers.quote(name) + " UNIQUE USING INDEX " + PgIdentifiers.quote(name) + ";" : "");
  }

  /** {@code schema.table} or {@code table}, as the linter names relations, quoted for SQL. */
  private static String quoteRelation(String rel) {
    int dot = rel.lastIndexOf('.');
    return dot < 0 ? PgIdentifiers.quote(rel) : PgIdentifiers.quote(rel.substring(0, dot)) + "." + PgIdentifiers.quote(rel.substring(dot + 1));
  }

  /**
   * LN055's fix for this foreign key: the index, named as Prisma names one ({@code Post_authorId_idx});
   * on a table that already exists, built concurrently in a migration of its own; in a Prisma
   * project, the {@code @@index} that makes {@code migrate dev} write it.
   */
  private static String foreignKeyIndexFix(String rel, List<String> cols, RuleScope c) {
    String table = rel.substring(rel.lastIndexOf('.') + 1);
    String columns = cols.stream().map(PgIdentifiers::quote).collect(java.util.stream.Collectors.joining(", "));
    String name = PgIdentifiers.quote(table + "_" + String.join("_", cols) + "_idx");
    String index = c.createdHere(rel)
        ? "CREATE INDEX " + name + " ON " + quoteRelation(rel) + " (" + columns + ");"
        : "-- in a migration of its own (CONCURRENTLY cannot run in a transaction):\nCREATE INDEX CONCURRENTLY " + name + " ON "
            + quoteRelation(rel) + " (" + columns + ");";
    if (!c.prisma()) {
      return index;
    }
    return "-- in schema.prisma, on the model of table " + table + " (field names where @map renames a column):\n"
        + "--   @@index([" + String.join(", ", cols) + "])\n-- which makes migrate dev write:\n" + index;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static LintRule rule(String code, String name, LintSeverity severity, LintRule.Category category, String title,
      String explanation, String why, String safe, String bad, String good, LintRule.Check check) {
    return new LintRule(code, name, severity, category, title, explanation, why, safe, bad, good, true, Optional.empty(), check);
  }

  private static LintRule rule(String code, String name, LintSeverity severity, LintRule.Category category, String title,
      String explanation, String why, String safe, String bad, String good, LintRule.Check check, boolean defaultOn,
      Optional<String> prismaOff) {
    return new LintRule(code, name, severity, category, title, explanation, why, safe, bad, good, defaultOn, prismaOff, check);
  }

  /** A rule against a column type, wherever a column is defined or retyped. */
  /**
   * How a type rule's finding is fixed for its own column: the type to use instead, the {@code USING}
   * expression for an existing column ({@code %s} the column; empty for a plain cast), and what the
   * Prisma field says instead of the flagged {@code @db} attribute.
   */
  private record TypeFix(String preferred, String using, String prisma) {}

  private static LintRule typeRule(String code, String name, LintSeverity severity, String typeLabel, String explanation,
      String safe, String bad, java.util.function.Predicate<String> matches, Optional<String> prismaOff) {
    return typeRule(code, name, severity, typeLabel, explanation, safe, bad, matches, prismaOff, null);
  }

  private static LintRule typeRule(String code, String name, LintSeverity severity, String typeLabel, String explanation,
      String safe, String bad, java.util.function.Predicate<String> matches, Optional<String> prismaOff, TypeFix fix) {
    return new LintRule(code, name, severity, QUALITY, "Column of type " + typeLabel, explanation,
        "The type was chosen by habit, or mapped by a tool.", safe, bad, safe, true, prismaOff,
        (s, n, c) -> columns(s, n, (col, rel) -> {
          JsonNode type = col.path("typeName");
          String t = Nodes.typeName(type);
          String full = Nodes.typmods(type).isEmpty() ? t : t + "(" + Nodes.typmods(type).get(0) + ")";
          if (matches.test(t) || matches.test(full)) {
            String column = col.path("colname").asText("");
            String message = rel + "." + column + " is " + typeText(type) + " (" + typeLabel + ")";
            if (fix == null || column.isEmpty()) {
              c.report(message, rel);
            } else {
              c.report(message, rel, typeFix(fix, rel, column, type, c.prisma()));
            }
          }
        }));
  }

  /** A type rule's fix for {@code rel.column}: declare it as the preferred type; an existing column is retyped. */
  private static String typeFix(TypeFix fix, String rel, String column, JsonNode type, boolean prisma) {
    String col = PgIdentifiers.quote(column);
    String attribute = prismaAttribute(type);
    String schema = prisma && attribute != null ? " (schema.prisma: " + String.format(fix.prisma(), attribute) + ")" : "";
    return "-- declare it as " + fix.preferred() + schema + "; a column that exists already:\nALTER TABLE " + quoteRelation(rel)
        + " ALTER COLUMN " + col + " TYPE " + fix.preferred() + (fix.using().isEmpty() ? "" : " USING " + String.format(fix.using(), col)) + ";";
  }

  /** The Prisma {@code @db} attribute that maps to {@code type} ({@code @db.VarChar(255)}), or null. */
  private static String prismaAttribute(JsonNode type) {
    String name = switch (Nodes.typeName(type)) {
      case "varchar" -> "VarChar";
      case "bpchar" -> "Char";
      case "timestamp" -> "Timestamp";
      case "money" -> "Money";
      case "json" -> "Json";
      default -> null;
    };
    List<Integer> mods = Nodes.typmods(type);
    return name == null ? null : "@db." + name + (mods.isEmpty() ? "" : "(" + mods.get(0) + ")");
  }

  /** Every column defined or retyped by the statement, with its table. */
  private static void columns(LintStatement s, JsonNode n, java.util.function.BiConsumer<JsonNode, String> each) {
    if (s.is("CreateStmt")) {
      String rel = Nodes.relation(n.path("relation"));
      for (JsonNode elt : Nodes.list(n, "tableElts")) {
        if (elt.has("ColumnDef")) {
          each.accept(elt.path("ColumnDef"), rel);
        }
      }
    } else if (s.is("AlterTableStmt")) {
      String rel = Nodes.relation(n.path("relation"));
      for (JsonNode cmd : Nodes.list(n, "cmds")) {
        JsonNode c = cmd.path("AlterTableCmd");
        String sub = c.path("subtype").asText();
        if (sub.equals("AT_AddColumn")) {
          each.accept(c.path("def").path("ColumnDef"), rel);
        } else if (sub.equals("AT_AlterColumnType")) {
          JsonNode def = c.path("def").path("ColumnDef").deepCopy();
          ((com.fasterxml.jackson.databind.node.ObjectNode) def).put("colname", c.path("name").asText());
          each.accept(def, rel);
        }
      }
    }
  }

  /** The sub-commands {@code subtype} of an ALTER TABLE on a table not created in this migration. */
  private static void forCmds(LintStatement s, JsonNode n, RuleScope c, String subtype, java.util.function.BiConsumer<JsonNode, String> each) {
    if (!s.is("AlterTableStmt")) {
      return;
    }
    String rel = Nodes.relation(n.path("relation"));
    if (c.createdHere(rel)) {
      return;
    }
    for (JsonNode cmd : Nodes.list(n, "cmds")) {
      JsonNode a = cmd.path("AlterTableCmd");
      if (a.path("subtype").asText().equals(subtype)) {
        each.accept(a, rel);
      }
    }
  }

  private static void forConstraints(LintStatement s, JsonNode n, RuleScope c, java.util.function.BiConsumer<JsonNode, String> each) {
    forConstraints(s, n, c, false, each);
  }

  /** Constraints added by ALTER TABLE … ADD CONSTRAINT (on existing tables, or on every table if {@code alsoNew}). */
  private static void forConstraints(LintStatement s, JsonNode n, RuleScope c, boolean alsoNew,
      java.util.function.BiConsumer<JsonNode, String> each) {
    if (s.is("AlterTableStmt")) {
      String rel = Nodes.relation(n.path("relation"));
      if (!alsoNew && c.createdHere(rel)) {
        return;
      }
      for (JsonNode cmd : Nodes.list(n, "cmds")) {
        JsonNode a = cmd.path("AlterTableCmd");
        if (a.path("subtype").asText().equals("AT_AddConstraint")) {
          each.accept(a.path("def").path("Constraint"), rel);
        }
      }
    } else if (alsoNew && s.is("CreateStmt")) {
      String rel = Nodes.relation(n.path("relation"));
      for (JsonNode elt : Nodes.list(n, "tableElts")) {
        if (elt.has("Constraint")) {
          each.accept(elt.path("Constraint"), rel);
        }
      }
    }
  }

  private static void drops(LintStatement s, JsonNode n, RuleScope c, String type, String message) {
    if (s.is("DropStmt") && n.path("removeType").asText().equals(type)) {
      for (String name : objectNames(n)) {
        if (!c.createdHere(name) && type.equals("OBJECT_TABLE")) {
          String retired = name.substring(name.lastIndexOf('.') + 1) + "_retired";
          String schema = name.contains(".") ? name.substring(0, name.lastIndexOf('.') + 1) : "";
          c.report(String.format(Locale.ROOT, message, name), name, "-- keep the data until no release reads it: retire the table now,\n"
              + "ALTER TABLE " + quoteRelation(name) + " RENAME TO " + PgIdentifiers.quote(retired) + ";\n"
              + "-- and drop it in a later migration, after a backup:\nDROP TABLE " + quoteRelation(schema + retired) + ";");
        } else if (!c.createdHere(name)) {
          c.report(String.format(Locale.ROOT, message, name), name);
        }
      }
    }
  }

  /** The names a DROP statement names. */
  private static List<String> objectNames(JsonNode drop) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : Nodes.list(drop, "objects")) {
      if (o.has("List")) {
        String d = Nodes.dotted(o.path("List").path("items"));
        out.add(d.startsWith("public.") ? d.substring(7) : d);
      } else if (o.has("String")) {
        out.add(o.path("String").path("sval").asText());
      } else if (o.has("TypeName")) {
        out.add(Nodes.dotted(o.path("TypeName").path("names")));
      } else if (o.has("ObjectWithArgs")) {
        out.add(Nodes.dotted(o.path("ObjectWithArgs").path("objname")));
      }
    }
    return out;
  }

  private static String names(JsonNode drop) {
    return String.join(", ", objectNames(drop));
  }

  private static boolean has(JsonNode columnDef, String contype) {
    for (JsonNode con : Nodes.list(columnDef, "constraints")) {
      if (con.path("Constraint").path("contype").asText().equals(contype)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasOption(JsonNode n, String field, String name) {
    for (JsonNode o : Nodes.list(n, field)) {
      if (o.path("DefElem").path("defname").asText().equalsIgnoreCase(name)) {
        return !o.path("DefElem").path("arg").path("Boolean").has("boolval") || o.path("DefElem").path("arg").path("Boolean").path("boolval").asBoolean();
      }
    }
    return false;
  }

  private static String typeText(JsonNode type) {
    String t = Nodes.typeName(type);
    List<Integer> mods = Nodes.typmods(type);
    StringBuilder out = new StringBuilder(switch (t) {
      case "int2" -> "smallint";
      case "int4" -> "integer";
      case "int8" -> "bigint";
      case "bpchar" -> "char";
      case "float4" -> "real";
      case "float8" -> "double precision";
      case "timestamptz" -> "timestamp with time zone";
      default -> t;
    });
    if (!mods.isEmpty()) {
      out.append('(').append(String.join(", ", mods.stream().map(String::valueOf).toList())).append(')');
    }
    return Nodes.isArray(type) ? out + "[]" : out.toString();
  }

  /** Whether an earlier statement of the file updated {@code col} of {@code rel} where it was NULL. */
  private static boolean backfilledEarlier(RuleScope c, String rel, String col) {
    for (LintStatement s : c.fileStatements().subList(0, c.index())) {
      if (s.is("DoStmt") && s.text().contains(col)) {
        return true; // a procedural backfill that names the column
      }
      if (s.is("UpdateStmt") && Nodes.relation(s.tree().path("relation")).equals(rel)) {
        for (JsonNode t : Nodes.list(s.tree(), "targetList")) {
          if (t.path("ResTarget").path("name").asText().equals(col)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean indexedLater(RuleScope c, String rel, List<String> cols) {
    for (LintStatement s : c.fileStatements().subList(c.index() + 1, c.fileStatements().size())) {
      if (s.is("IndexStmt") && Nodes.relation(s.tree().path("relation")).equals(rel)) {
        List<String> idx = new ArrayList<>();
        for (JsonNode e : Nodes.list(s.tree(), "indexParams")) {
          idx.add(e.path("IndexElem").path("name").asText(""));
        }
        if (idx.size() >= cols.size() && idx.subList(0, cols.size()).equals(cols)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The existing table a statement locks strongly (ALTER TABLE, plain CREATE INDEX, rename, drop), if any. */
  private static Optional<String> strongLockTarget(LintStatement s, RuleScope c) {
    String rel = switch (s.kind()) {
      case "AlterTableStmt", "RenameStmt" -> Nodes.relation(s.tree().path("relation"));
      case "IndexStmt" -> s.tree().path("concurrent").asBoolean() ? "" : Nodes.relation(s.tree().path("relation"));
      default -> "";
    };
    return rel.isEmpty() || c.createdHere(rel) ? Optional.empty() : Optional.of(rel);
  }

  private static void standardColumns(LintStatement s, JsonNode n, RuleScope c, List<String> wanted) {
    if (!s.is("CreateStmt")) {
      return;
    }
    List<String> cols = new ArrayList<>();
    for (JsonNode elt : Nodes.list(n, "tableElts")) {
      cols.add(elt.path("ColumnDef").path("colname").asText(""));
    }
    List<String> missing = wanted.stream().filter(w -> !cols.contains(w)).toList();
    if (!missing.isEmpty()) {
      c.report("table " + Nodes.relation(n.path("relation")) + " lacks " + String.join(", ", missing), Nodes.relation(n.path("relation")));
    }
  }

  private static boolean snake(String name) {
    return name.matches("[a-z_][a-z0-9_]*");
  }

  private static String bare(String rel) {
    int dot = rel.lastIndexOf('.');
    return dot < 0 ? rel : rel.substring(dot + 1);
  }
}
