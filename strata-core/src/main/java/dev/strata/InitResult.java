package dev.strata;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code strata init} ({@link Strata#init}) did in a folder.
 *
 * @param directory the project folder
 * @param schema the schema it created, relative to the folder ({@code prisma/schema.prisma})
 * @param created the files it created, relative to the folder
 * @param updated the files it appended to ({@code .env}: {@code DATABASE_URL}; {@code .gitignore})
 * @param kept the files it left as they were (a config file, a {@code .env} that sets the URL)
 * @param gitignoreAdded the entries added to {@code .gitignore}
 * @param databaseUrl the URL written to {@code .env}, password masked
 * @param exampleUrl whether that URL is the example to edit (no URL was given)
 */
public record InitResult(
    Path directory,
    String schema,
    List<String> created,
    List<String> updated,
    List<String> kept,
    List<String> gitignoreAdded,
    String databaseUrl,
    boolean exampleUrl) {
  public InitResult {
    created = List.copyOf(created);
    updated = List.copyOf(updated);
    kept = List.copyOf(kept);
    gitignoreAdded = List.copyOf(gitignoreAdded);
  }
}
