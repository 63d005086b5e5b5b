package dev.strata.lint.parse;

import java.nio.file.Files;
import java.nio.file.Path;

/** A second process for {@link ParseCacheTest}: parses statements through a cache, twice over, writing a pack after each round. */
final class ParseCacheWriter {
  private ParseCacheWriter() {}

  public static void main(String[] args) throws Exception {
    ParseCache cache = ParseCache.at(Path.of(args[0]), args[1]);
    String[] statements = Files.readString(Path.of(args[2])).split("\u0000");
    for (int round = 0; round < 2; round++) {
      for (String s : statements) {
        cache.parse(s);
      }
      cache.flush();
    }
    if (cache.writeErrors() > 0) {
      System.out.println("write errors: " + cache.writeErrors());
      System.exit(1);
    }
  }
}
