package dev.strata.health.indexes;

import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.config.ProjectConfig;
import dev.strata.health.IndexCoverage;
import dev.strata.health.IndexCoverage.ForeignKeyInfo;
import dev.strata.health.IndexCoverage.IndexInfo;
import dev.strata.health.IndexCoverage.TableIndexes;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads index coverage from the catalogue, naming tables and columns as the Prisma schema does when there is one. */
public final class IndexCoverageReader {
  private IndexCoverageReader() {}

  /** Prisma's names of the tables ({@code table → model}) and columns ({@code table → column → field}). */
  record Names(Map<String, String> models, Map<String, Map<String, String>> fields) {
    static final Names NONE = new Names(Map.of(), Map.of());

    String model(String table) {
      return models.getOrDefault(table, "");
    }

    String field(String table, String column) {
      return fields.getOrDefault(table, Map.of()).getOrDefault(column, column);
    }

    List<String> fields(String table, List<String> columns) {
      return columns.stream().map(c -> field(table, c)).toList();
    }
  }

  public static IndexCoverage read(Connection connection, Strata strata) throws SQLException {
    Names names = names(strata);
    List<Map<String, Object>> tables = rows(connection, "tables");
    List<Map<String, Object>> indexes = rows(connection, "indexes");
    List<Map<String, Object>> keys = rows(connection, "foreign-keys");
    List<TableIndexes> out = new ArrayList<>();
    int needed = 0;
    int present = 0;
    for (Map<String, Object> t : tables) {
      String schema = (String) t.get("schema");
      String table = (String) t.get("table");
      List<IndexInfo> infos = new ArrayList<>();
      Map<String, String> firstBySignature = new HashMap<>();
      Set<String> leading = new LinkedHashSet<>();
      boolean hasPrimaryKey = false;
      for (Map<String, Object> i : indexes) {
        if (!schema.equals(i.get("schema")) || !table.equals(i.get("table"))) {
          continue;
        }
        String name = (String) i.get("index");
        List<String> columns = names.fields(table, strings(i.get("columns")));
        boolean unique = (Boolean) i.get("unique");
        boolean primary = (Boolean) i.get("primary");
        boolean valid = (Boolean) i.get("valid");
        hasPrimaryKey |= primary;
        long scans = ((Number) i.get("scans")).longValue();
        String duplicateOf = valid ? firstBySignature.putIfAbsent((String) i.get("signature"), name) : null;
        boolean unused = scans == 0 && !unique && !(Boolean) i.get("backs_constraint");
        if (!columns.isEmpty()) {
          leading.add(columns.get(0));
        }
        infos.add(new IndexInfo(name, columns, unique, primary, columns.size() > 1, scans, (String) i.get("size"), unused,
            duplicateOf == null ? "" : duplicateOf, valid));
      }
      List<ForeignKeyInfo> fks = new ArrayList<>();
      for (Map<String, Object> k : keys) {
        if (schema.equals(k.get("schema")) && table.equals(k.get("table"))) {
          String references = (String) k.get("references");
          String model = names.model(references);
          fks.add(new ForeignKeyInfo((String) k.get("name"), names.fields(table, strings(k.get("columns"))),
              model.isEmpty() ? references : model, (Boolean) k.get("covered")));
        }
      }
      int tableNeeded = 1 + fks.size();
      int tablePresent = (hasPrimaryKey ? 1 : 0) + (int) fks.stream().filter(ForeignKeyInfo::covered).count();
      needed += tableNeeded;
      present += tablePresent;
      out.add(new TableIndexes(schema, table, names.model(table), ((Number) t.get("estimated_rows")).longValue(), hasPrimaryKey,
          List.copyOf(leading), infos, fks, 100.0 * tablePresent / tableNeeded));
    }
    return new IndexCoverage(out, needed == 0 ? 100 : 100.0 * present / needed, !names.models().isEmpty());
  }

  /** The Prisma names when the project has a readable schema; none otherwise (the report then uses table names). */
  static Names names(Strata strata) {
    Optional<ProjectConfig> project = strata.config().project().filter(p -> p.schema().isPresent());
    if (project.isEmpty()) {
      return Names.NONE;
    }
    try {
      var schema = PrismaFrontEnd.parse(project.get().readSchema().sources()).schema();
      Map<String, String> models = new HashMap<>();
      Map<String, Map<String, String>> fields = new HashMap<>();
      for (PrismaLowering.ModelNames model : PrismaLowering.names(schema)) {
        models.put(model.table(), model.model());
        Map<String, String> byColumn = new HashMap<>();
        model.columns().forEach((field, column) -> byColumn.put(column, field));
        fields.put(model.table(), byColumn);
      }
      return new Names(models, fields);
    } catch (StrataException e) {
      return Names.NONE;
    }
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of();
  }

  private static List<Map<String, Object>> rows(Connection connection, String name) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql(name)); ResultSet rs = s.executeQuery()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int count = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int c = 1; c <= count; c++) {
          Object v = rs.getObject(c);
          if (v instanceof Array array) {
            v = Arrays.asList((Object[]) array.getArray());
          }
          row.put(rs.getMetaData().getColumnLabel(c), v);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static String sql(String name) {
    try (InputStream in = IndexCoverageReader.class.getResourceAsStream(name + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
