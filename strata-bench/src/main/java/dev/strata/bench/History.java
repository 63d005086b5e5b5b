package dev.strata.bench;

import dev.strata.migrate.MigrationFolder;
import dev.strata.migrate.MigrationsDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A named, ordered list of migrations that every tool under test applies. */
public record History(String name, List<Migration> migrations) {
  public History {
    Objects.requireNonNull(name, "name");
    migrations = List.copyOf(migrations);
  }

  /** {@code count} trivial migrations: each creates one small table with a primary key. */
  public static History trivial(int count) {
    List<Migration> list = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String table = String.format("t%04d", i);
      list.add(new Migration(String.format("20250101%06d_trivial_%04d", i, i),
          "-- CreateTable\nCREATE TABLE \"" + table + "\" (\n    \"id\" INTEGER NOT NULL,\n    \"name\" TEXT,\n\n"
              + "    CONSTRAINT \"" + table + "_pkey\" PRIMARY KEY (\"id\")\n);\n"));
    }
    return new History("trivial-" + count, list);
  }

  /** A real project's Prisma migrations folder, in the order Prisma applies it (Strata's reader). */
  public static History prismaFolder(String name, Path migrationsDir) {
    MigrationsDirectory directory = MigrationsDirectory.read(migrationsDir);
    List<Migration> list = new ArrayList<>();
    for (MigrationFolder folder : directory.folders()) {
      folder.sql().ifPresent(sql -> list.add(new Migration(folder.name(), sql)));
    }
    return new History(name, list);
  }

  public int size() {
    return migrations.size();
  }
}
