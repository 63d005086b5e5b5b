package dev.strata.embedded;

import java.nio.file.Path;

/**
 * Starts a server in a child JVM for {@link ServerLifetimeIT}: {@code exit} starts a temporary
 * server and returns from main without closing it; {@code hold DIR} starts a persistent server and
 * waits to be killed.
 */
public final class ChildJvmServer {
  private ChildJvmServer() {}

  public static void main(String[] args) throws InterruptedException {
    LocalPostgres pg;
    try {
      pg = args[0].equals("hold") ? LocalPostgres.builder().dataDirectory(Path.of(args[1])).start() : LocalPostgres.start();
    } catch (EmbeddedPostgresException e) {
      System.out.println("FAILED " + e.getMessage());
      return;
    }
    long pid = LocalPostgres.readPostmasterPid(pg.dataDirectory()).orElse(-1);
    System.out.println("READY " + pid + " " + pg.dataDirectory());
    System.out.flush();
    if (args[0].equals("hold")) {
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
