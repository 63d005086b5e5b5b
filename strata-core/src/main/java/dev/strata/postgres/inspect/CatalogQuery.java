package dev.strata.postgres.inspect;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The introspection SQL, kept as resource files beside this class and read once. */
final class CatalogQuery {
  private CatalogQuery() {}

  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  /** The text of {@code name}.sql. */
  static String sql(String name) {
    return CACHE.computeIfAbsent(name, CatalogQuery::load);
  }

  private static String load(String name) {
    String resource = name + ".sql";
    try (InputStream in = CatalogQuery.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StrataException(ErrorCode.INTERNAL, "introspection query " + resource + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.INTERNAL, "cannot read introspection query " + resource + ": " + e.getMessage(), e);
    }
  }
}
