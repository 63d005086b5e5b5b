package dev.strata.prisma.format;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers: read schema files, parse and format them, and load the list of known failures. */
final class FormatFixtures {
  private FormatFixtures() {}

  /** Parses and formats files given as (path → text), in order. */
  static Map<String, String> format(Map<String, String> files) {
    List<SourceFile> sources = new ArrayList<>();
    files.forEach((path, text) -> sources.add(new SourceFile(path, text)));
    PrismaSchema schema = PrismaParser.parse(sources, new Diagnostics());
    return PrismaFormatter.format(schema);
  }

  static String formatOne(String text) {
    return format(Map.of("schema.prisma", text)).get("schema.prisma");
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file with this suffix under {@code root}, sorted by path. */
  static List<Path> find(Path root, String suffix) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files of a directory (not recursive) keyed by file name, sorted. */
  static Map<String, String> directory(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(dir)) {
      paths.filter(Files::isRegularFile).forEach(p -> files.put(p.getFileName().toString(), read(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LinkedHashMap<>(files);
  }

  /** Case ids listed in {@code conformance/format-known-failures.txt} (text before {@code #}, trimmed). */
  static List<String> knownFailures() {
    return resourceLines("/conformance/format-known-failures.txt");
  }

  /** The entries of a test resource list: one per line, {@code #} starts a comment. */
  static List<String> resourceLines(String resource) {
    List<String> ids = new ArrayList<>();
    try (InputStream in = FormatFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        return ids;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String id = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        if (!id.isBlank()) {
          ids.add(id.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }
}
