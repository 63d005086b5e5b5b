package dev.strata.config;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.diag.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a project's Prisma schema the way Prisma does, and reads it safely.
 *
 * <p>Prisma's order (6.x and 7.x): {@code --schema} (a file, or a folder whose {@code .prisma}
 * files are all read, recursively), else {@code schema} in the config file, else {@code
 * schema.prisma} and then {@code prisma/schema.prisma} in the base folder (the config file's folder,
 * or the working directory). Strata also accepts a {@code prisma/schema/} folder last, the default
 * of Prisma 5.15–6.x projects that used the {@code prismaSchemaFolder} preview.
 *
 * <p>Reading refuses what is not a schema: more than {@link #MAX_BYTES} in total, NUL bytes or
 * invalid UTF-8 ("not a text file"), unreadable files. It never loads a file before checking its
 * size.
 */
public final class SchemaLocator {

  /** The most schema text Strata reads (all files together): far beyond any real schema. */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  private SchemaLocator() {}

  /**
   * The schema named by {@code --schema}, resolved against the working directory.
   *
   * @throws StrataException ({@link ErrorCode#FILE_NOT_FOUND}) when it does not exist
   */
  public static SchemaLocation explicit(Path workingDir, String schemaArgument) {
    Path cwd = normalize(workingDir);
    Path path;
    try {
      path = cwd.resolve(schemaArgument).normalize();
    } catch (RuntimeException e) {
      throw new StrataException(
          ErrorCode.USAGE, "The --schema path \"" + schemaArgument + "\" is not a valid path on this system.");
    }
    return existing(path, "--schema")
        .orElseThrow(
            () ->
                new StrataException(
                    ErrorCode.FILE_NOT_FOUND,
                    "Could not load --schema "
                        + display(cwd, path)
                        + ": "
                        + problem(path)
                        + ". Pass the path of a .prisma file or of a folder of .prisma files."));
  }

  /**
   * The schema set in the config file (already resolved against the config file's folder).
   *
   * @throws StrataException ({@link ErrorCode#FILE_NOT_FOUND}) when it does not exist
   */
  public static SchemaLocation fromConfig(Path workingDir, Path configured, String configFileName) {
    Path cwd = normalize(workingDir);
    Path path = normalize(configured);
    return existing(path, configFileName)
        .orElseThrow(
            () ->
                new StrataException(
                    ErrorCode.FILE_NOT_FOUND,
                    "Could not load the schema "
                        + display(cwd, path)
                        + " set in "
                        + configFileName
                        + ": "
                        + problem(path)
                        + ". Fix `schema` there, or pass --schema."));
  }

  /**
   * The schema at Prisma's default locations under {@code baseDir}.
   *
   * @throws StrataException ({@link ErrorCode#FILE_NOT_FOUND}) naming every place looked at
   */
  public static SchemaLocation defaults(Path workingDir, Path baseDir) {
    Path cwd = normalize(workingDir);
    Path base = normalize(baseDir);
    List<Path> files = List.of(base.resolve("schema.prisma"), base.resolve("prisma").resolve("schema.prisma"));
    List<String> looked = new ArrayList<>();
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        return new SchemaLocation(file, false, "default location");
      }
      looked.add(display(cwd, file) + ": " + (Files.isDirectory(file) ? "a folder, expected a file" : "not found"));
    }
    Path folder = base.resolve("prisma").resolve("schema");
    if (Files.isDirectory(folder)) {
      return new SchemaLocation(folder, true, "default location");
    }
    looked.add(display(cwd, folder) + "/: not found");
    throw new StrataException(
        ErrorCode.FILE_NOT_FOUND,
        "Could not find a Prisma schema at "
            + display(cwd, files.get(1))
            + ". Pass --schema <file or folder>, or set `schema` in prisma.config.ts.\nLooked at:\n  "
            + String.join("\n  ", looked));
  }

  private static Optional<SchemaLocation> existing(Path path, String origin) {
    if (Files.isDirectory(path)) {
      return Optional.of(new SchemaLocation(path, true, origin));
    }
    if (Files.exists(path)) {
      return Optional.of(new SchemaLocation(path, false, origin));
    }
    return Optional.empty();
  }

  private static String problem(Path path) {
    return Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "it is a broken link" : "no such file or folder";
  }

  // ====================================================================== reading

  /**
   * Reads every schema file of a location.
   *
   * @throws StrataException {@link ErrorCode#FILE_NOT_FOUND} for missing or unreadable files and
   *     for a folder without {@code .prisma} files; {@link ErrorCode#INVALID_INPUT} for a schema
   *     that is too large or not text
   */
  public static SchemaSources read(Path workingDir, SchemaLocation location) {
    Path cwd = normalize(workingDir);
    List<Path> files;
    if (location.directory()) {
      files = prismaFilesUnder(cwd, location.path());
      if (files.isEmpty()) {
        throw new StrataException(
            ErrorCode.FILE_NOT_FOUND,
            "The schema folder " + display(cwd, location.path()) + " contains no .prisma files.");
      }
    } else {
      files = List.of(location.path());
    }
    long total = 0;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new StrataException(
            ErrorCode.INVALID_INPUT, display(cwd, file) + " is not a regular file, so it cannot be a schema.");
      }
      total += size(cwd, file);
      if (total > MAX_BYTES) {
        throw new StrataException(
            ErrorCode.INVALID_INPUT,
            (files.size() == 1 ? display(cwd, file) + " is" : "The schema files under " + display(cwd, location.path()) + " are")
                + " too large ("
                + mebibytes(files.size() == 1 ? total : sumSizes(cwd, files))
                + "); Strata reads schemas of up to "
                + mebibytes(MAX_BYTES)
                + ".");
      }
    }
    List<SourceFile> sources = new ArrayList<>(files.size());
    for (Path file : files) {
      sources.add(new SourceFile(display(cwd, file), readText(cwd, file)));
    }
    return new SchemaSources(location, files, sources);
  }

  private static long sumSizes(Path cwd, List<Path> files) {
    long sum = 0;
    for (Path f : files) {
      sum += size(cwd, f);
    }
    return sum;
  }

  private static long size(Path cwd, Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw readFailure(cwd, file, e);
    }
  }

  private static String readText(Path cwd, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw readFailure(cwd, file, e);
    }
    if (bytes.length > MAX_BYTES) {
      // It grew after the size check.
      throw new StrataException(ErrorCode.INVALID_INPUT, display(cwd, file) + " is too large to be a schema.");
    }
    return decode(display(cwd, file), bytes);
  }

  /** Decodes strict UTF-8, refusing binary content; removes a leading BOM. */
  static String decode(String displayName, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new StrataException(
            ErrorCode.INVALID_INPUT,
            displayName + " is not a text file (it contains a NUL byte at offset " + i + ").");
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = decoder.decode(in).toString();
    } catch (MalformedInputException e) {
      throw new StrataException(
          ErrorCode.INVALID_INPUT,
          displayName + " is not a text file (it is not valid UTF-8 at byte offset " + in.position() + ").");
    } catch (CharacterCodingException e) {
      throw new StrataException(ErrorCode.INVALID_INPUT, displayName + " is not a text file (it is not valid UTF-8).");
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The user-facing error for an I/O failure while reading a schema file. */
  static StrataException readFailure(Path cwd, Path file, IOException e) {
    String shown = display(cwd, file);
    if (e instanceof AccessDeniedException) {
      return new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read " + shown + ": permission denied.");
    }
    if (e instanceof NoSuchFileException) {
      return new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read " + shown + ": it no longer exists.");
    }
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read " + shown + ": " + reason + ".");
  }

  /** Every {@code *.prisma} file under a folder, following links (once each), sorted by path. */
  private static List<Path> prismaFilesUnder(Path cwd, Path dir) {
    List<Path> found = new ArrayList<>();
    collect(cwd, dir, found, new HashSet<>());
    found.sort(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')));
    return found;
  }

  private static void collect(Path cwd, Path dir, List<Path> found, Set<Path> visited) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return; // a broken link inside the folder: Prisma skips it too
    }
    if (!visited.add(real)) {
      return;
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    } catch (IOException e) {
      throw readFailure(cwd, dir, e);
    }
    for (Path child : children) {
      if (Files.isDirectory(child)) {
        collect(cwd, child, found, visited);
      } else if (child.getFileName() != null && child.getFileName().toString().endsWith(".prisma") && Files.isRegularFile(child)) {
        found.add(child);
      }
    }
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  static Path normalize(Path path) {
    return path.toAbsolutePath().normalize();
  }

  /** A path as the user would write it: relative to the working directory, with '/' separators. */
  static String display(Path cwd, Path path) {
    Path abs = normalize(path);
    Path shown;
    try {
      // Inside the working directory: as the user would type it; elsewhere: absolute, since a
      // chain of "../../" is harder to read than the real path.
      shown = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    } catch (IllegalArgumentException e) {
      shown = abs;
    }
    String text = shown.toString().replace('\\', '/');
    return text.isEmpty() ? "." : text;
  }
}
