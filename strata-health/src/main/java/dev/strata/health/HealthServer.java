package dev.strata.health;

import java.util.function.IntSupplier;

/** A running {@code /metrics} endpoint ({@link Health#serve}); close it to stop. */
public final class HealthServer implements AutoCloseable {
  private final IntSupplier port;
  private final Runnable stop;

  HealthServer(IntSupplier port, Runnable stop) {
    this.port = port;
    this.stop = stop;
  }

  /** The port it listens on. */
  public int port() {
    return port.getAsInt();
  }

  @Override
  public void close() {
    stop.run();
  }
}
