package dev.strata.prisma.ast;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A whole schema: one file, or every {@code .prisma} file of a schema folder, in path order. */
public record PrismaSchema(List<PrismaFile> files) {
  public PrismaSchema {
    files = List.copyOf(files);
  }

  public Stream<Declaration> declarations() {
    return files.stream().flatMap(f -> f.declarations().stream());
  }

  public List<ModelDecl> models() {
    return declarations().filter(ModelDecl.class::isInstance).map(ModelDecl.class::cast).toList();
  }

  public List<EnumDecl> enums() {
    return declarations().filter(EnumDecl.class::isInstance).map(EnumDecl.class::cast).toList();
  }

  public List<ConfigBlock> configBlocks() {
    return declarations().filter(ConfigBlock.class::isInstance).map(ConfigBlock.class::cast).toList();
  }

  public Optional<ConfigBlock> datasource() {
    return configBlocks().stream().filter(c -> c.kind() == ConfigBlock.Kind.DATASOURCE).findFirst();
  }

  public List<ConfigBlock> generators() {
    return configBlocks().stream().filter(c -> c.kind() == ConfigBlock.Kind.GENERATOR).toList();
  }
}
