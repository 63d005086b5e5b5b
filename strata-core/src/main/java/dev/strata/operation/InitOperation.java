package dev.strata.operation;

import dev.strata.ErrorCode;
import dev.strata.InitResult;
import dev.strata.StrataException;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.PrismaConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code strata init}: starts a project in a folder, as {@code prisma init} does: a PostgreSQL
 * schema with a generator, {@code prisma.config.ts}, a {@code .env} with {@code DATABASE_URL}, and
 * {@code .gitignore} entries, each written atomically. It never overwrites a schema.
 */
public final class InitOperation {
  static final String SCHEMA_FILE = "prisma/schema.prisma";
  static final String CONFIG_FILE = "prisma.config.ts";
  static final String EXAMPLE_URL = "postgresql://postgres:postgres@localhost:5432/mydb?schema=public";
  static final List<String> IGNORED = List.of(".env", ".strata/", "/backups/", "/generated/prisma");

  static final String SCHEMA =
      """
      // The Prisma schema of this project: https://pris.ly/d/prisma-schema
      // Add models here, then run `strata migrate dev --name init`.

      generator client {
        provider = "prisma-client"
        output   = "../generated/prisma"
      }

      datasource db {
        provider = "postgresql"
      }
      """;

  static final String CONFIG =
      """
      import "dotenv/config";
      import { defineConfig, env } from "prisma/config";

      export default defineConfig({
        schema: "prisma/schema.prisma",
        migrations: {
          path: "prisma/migrations",
        },
        datasource: {
          url: env("DATABASE_URL"),
        },
      });
      """;

  private InitOperation() {}

  /**
   * Starts a project in {@code dir}.
   *
   * @param url the {@code DATABASE_URL} for {@code .env}, or null for an example to edit
   * @throws StrataException ({@code INVALID_INPUT}) when the folder already has a schema, ({@code
   *     CONFIG}) when the URL is malformed, ({@code FILE_NOT_FOUND}) when a file cannot be written
   */
  public static InitResult run(Path dir, String url) {
    Path folder = dir.toAbsolutePath().normalize();
    Optional<String> existing = existingSchema(folder);
    if (existing.isPresent()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "This folder already has a Prisma schema (" + existing.get()
          + "); strata init leaves it alone. Run strata init in a folder without one, or start from the existing schema"
          + " (strata validate, strata migrate dev).");
    }
    String databaseUrl = EXAMPLE_URL;
    if (url != null) {
      DatabaseUrl.parse(url); // a malformed URL is an error here, not at the first migrate
      databaseUrl = url;
    }

    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    AtomicWrite.write(folder.resolve(SCHEMA_FILE), SCHEMA);
    created.add(SCHEMA_FILE);

    Optional<Path> config = PrismaConfigFile.find(folder);
    if (config.isPresent()) {
      kept.add(relative(folder, config.get()));
    } else {
      AtomicWrite.write(folder.resolve(CONFIG_FILE), CONFIG);
      created.add(CONFIG_FILE);
    }

    Path env = folder.resolve(".env");
    String envLine = "DATABASE_URL=\"" + databaseUrl + "\"\n";
    if (!Files.exists(env)) {
      AtomicWrite.writePrivate(env, "# The database Strata (and Prisma) use; never commit this file.\n" + envLine);
      created.add(".env");
    } else if (definesDatabaseUrl(read(env))) {
      kept.add(".env");
    } else {
      AtomicWrite.write(env, withNewline(read(env)) + envLine);
      updated.add(".env");
    }

    Path gitignore = folder.resolve(".gitignore");
    String ignoreText = Files.exists(gitignore) ? read(gitignore) : "";
    List<String> missing = IGNORED.stream().filter(entry -> !ignores(ignoreText, entry)).toList();
    if (!missing.isEmpty()) {
      boolean existed = Files.exists(gitignore);
      AtomicWrite.write(gitignore, withNewline(ignoreText) + String.join("\n", missing) + "\n");
      (existed ? updated : created).add(".gitignore");
    }
    return new InitResult(folder, SCHEMA_FILE, created, updated, kept, missing, DatabaseUrl.mask(databaseUrl), url == null);
  }

  /** A schema at one of Prisma's default locations, relative to the folder. */
  static Optional<String> existingSchema(Path dir) {
    for (String candidate : List.of("prisma/schema.prisma", "schema.prisma", "prisma/schema")) {
      if (Files.exists(dir.resolve(candidate))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String relative(Path dir, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
  }

  private static boolean definesDatabaseUrl(String envText) {
    return envText.lines().map(String::strip).anyMatch(l -> l.matches("(export\\s+)?DATABASE_URL\\s*=.*"));
  }

  /** Whether a line of {@code .gitignore} already names {@code entry} (with or without its slashes). */
  static boolean ignores(String gitignore, String entry) {
    String bare = entry.replaceAll("^/|/$", "");
    return gitignore.lines().map(String::strip).map(l -> l.replaceAll("^/|/$", "")).anyMatch(bare::equals);
  }

  private static String withNewline(String text) {
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StrataException(ErrorCode.FILE_NOT_FOUND, "Could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
