package dev.strata.prisma.pull;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.format.PrismaFormatter;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.schema.DatabaseSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code db pull}'s core: renders a database schema (the IR {@link
 * dev.strata.postgres.inspect.PgInspector} reads) as a Prisma schema the way Prisma's introspection
 * does, and merges it with the existing schema on re-introspection (keeping the user's model,
 * field, enum and relation names, {@code @map}s, custom {@code map:} names, documentation,
 * {@code @updatedAt}, {@code @ignore}, client-side defaults, and the order of models).
 *
 * <p>The output is formatted with {@link PrismaFormatter}, so {@code strata format} leaves it
 * unchanged. Never throws for any input.
 */
public final class PrismaIntrospection {
  private PrismaIntrospection() {}

  /** The datasource written when there is no existing schema to take one from. */
  static final String DEFAULT_DATASOURCE = "datasource db {\n  provider = \"postgresql\"\n}\n";

  /**
   * Renders {@code db} as a Prisma schema.
   *
   * @param existing the current schema, parsed: its configuration blocks are kept, and unless
   *     {@link PullOptions#force()} its names and layout too
   */
  public static PullResult render(DatabaseSchema db, Optional<PrismaSchema> existing, PullOptions options) {
    PullOptions opts = options == null ? PullOptions.defaults() : options;
    Optional<PrismaSchema> current = existing == null ? Optional.empty() : existing;
    ExistingSchema ex = new ExistingSchema(current, opts.force());
    List<PullWarning> warnings = new ArrayList<>();
    SchemaRenderer renderer = new SchemaRenderer(db, ex, opts, warnings);
    Map<String, String> raw = layout(renderer.render(), ex, opts);
    return new PullResult(format(raw), Warnings.merge(warnings));
  }

  /** Puts configuration blocks and rendered declarations into their files, in Prisma's order. */
  private static Map<String, String> layout(List<SchemaRenderer.Block> blocks, ExistingSchema ex, PullOptions opts) {
    Map<String, StringBuilder> files = new LinkedHashMap<>();
    List<PrismaFile> existingFiles = ex.schema.files();
    String newFile;
    if (existingFiles.isEmpty()) {
      newFile = "schema.prisma";
      files.put(newFile, new StringBuilder(DEFAULT_DATASOURCE));
    } else if (existingFiles.size() == 1) {
      newFile = existingFiles.get(0).source().path();
    } else {
      String base = ex.schema.datasource().flatMap(ex::fileOf).orElse(existingFiles.get(0)).source().path();
      int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
      newFile = (slash >= 0 ? base.substring(0, slash + 1) : "") + opts.newFileName();
    }
    for (PrismaFile file : existingFiles) {
      StringBuilder text = new StringBuilder();
      for (Declaration d : file.declarations()) {
        if (d instanceof ConfigBlock c) {
          appendBlock(text, c.span().text());
        }
      }
      files.put(file.source().path(), text);
    }
    for (SchemaRenderer.Block block : blocks) {
      String path = block.origin().flatMap(ex::fileOf).map(f -> f.source().path()).orElse(newFile);
      appendBlock(files.computeIfAbsent(path, p -> new StringBuilder()), block.text());
    }
    Map<String, String> out = new LinkedHashMap<>();
    files.forEach((path, text) -> out.put(path, text.toString()));
    return out;
  }

  private static void appendBlock(StringBuilder text, String block) {
    if (text.length() > 0) {
      text.append('\n');
    }
    text.append(block.strip()).append('\n');
  }

  /** Formats every file together (so relation completion sees the whole schema). */
  private static Map<String, String> format(Map<String, String> files) {
    List<SourceFile> sources = new ArrayList<>();
    files.forEach((path, text) -> sources.add(new SourceFile(path, text)));
    try {
      PrismaSchema parsed = PrismaParser.parse(sources, new Diagnostics());
      Map<String, String> formatted = PrismaFormatter.format(parsed);
      Map<String, String> out = new LinkedHashMap<>();
      files.forEach((path, text) -> out.put(path, formatted.getOrDefault(path, text)));
      return out;
    } catch (RuntimeException e) {
      // Our own text should always parse; if it somehow does not, it is still better than nothing.
      return files;
    }
  }
}
