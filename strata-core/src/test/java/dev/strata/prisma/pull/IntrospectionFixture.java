package dev.strata.prisma.pull;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One of Prisma's introspection fixtures: setup SQL, then the expected schema in the file's last
 * {@code /* … *}{@code /} block; header lines name the schemas ({@code -- schemas=a,b}).
 *
 * <p>{@link #expected} is Prisma's text as the fixture holds it (only the blank lines around it
 * inside the comment are dropped, and one final newline added, as {@code db pull} writes it); it is
 * never passed through our own formatter, so a formatter bug cannot hide on both sides.
 */
record IntrospectionFixture(String name, String sql, String expected, List<String> schemas) {

  static List<IntrospectionFixture> all(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".sql")).sorted()
          .map(p -> read(dir, p))
          .toList();
    }
  }

  static IntrospectionFixture read(Path dir, Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int open = text.lastIndexOf("/*");
      int close = text.lastIndexOf("*/");
      String sql = text.substring(0, open);
      String expected = text.substring(open + 2, close).strip() + "\n";
      List<String> schemas = text.lines()
          .filter(l -> l.startsWith("-- schemas="))
          .findFirst()
          .map(l -> Arrays.stream(l.substring("-- schemas=".length()).split(",")).map(String::strip).toList())
          .orElse(List.of());
      return new IntrospectionFixture(dir.relativize(file).toString(), sql, expected, schemas);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The expected schema's configuration blocks alone: what {@code db pull} started from. */
  PrismaSchema configOnly() {
    StringBuilder config = new StringBuilder();
    boolean inBlock = false;
    for (String line : expected.lines().toList()) {
      if (line.startsWith("generator ") || line.startsWith("datasource ")) {
        inBlock = true;
      }
      if (inBlock) {
        config.append(line).append('\n');
        if (line.equals("}")) {
          inBlock = false;
          config.append('\n');
        }
      }
    }
    return parse(config.toString());
  }

  static PrismaSchema parse(String text) {
    return PrismaParser.parse(List.of(new SourceFile("schema.prisma", text)), new Diagnostics());
  }

  Optional<String> schemasHeader() {
    return schemas.isEmpty() ? Optional.empty() : Optional.of(String.join(",", schemas));
  }
}
