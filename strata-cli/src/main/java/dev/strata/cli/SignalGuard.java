package dev.strata.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C or SIGTERM during a command into a cancel request, and holds the process's exit
 * until the command has stopped and said what state it left the database in.
 *
 * <p>On those signals the JVM runs its shutdown hooks while the command's thread goes on; the
 * hook asks the command to stop (cancelling its running statement on the server) and waits,
 * at most {@code maxWait}, for {@link #close()}, which the command calls once its report is
 * printed. The process then exits with the JVM's status for the signal (130, 143). SIGKILL
 * cannot be caught: the server's {@code client_connection_check_interval} covers that case.
 */
public final class SignalGuard implements AutoCloseable {
  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean signalled;

  private SignalGuard(Runnable cancel, Duration maxWait) {
    hook = new Thread(() -> {
      signalled = true;
      cancel.run();
      try {
        finished.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "strata-signal");
  }

  /** Calls {@code cancel} when the process is asked to stop, until {@link #close()}. */
  public static SignalGuard install(Runnable cancel, Duration maxWait) {
    SignalGuard guard = new SignalGuard(cancel, maxWait);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  /** Whether a signal arrived (the process exits once this guard is closed). */
  public boolean signalled() {
    return signalled;
  }

  /** The command is done (and has printed its report): the process may exit. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it returns now that the latch is open.
    }
  }
}
