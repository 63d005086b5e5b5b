package dev.strata;

import java.util.Objects;

/**
 * The one callback through which a {@link Strata} instance reports what it does while it works
 * (which migrations {@link Strata#deploy()} applies, waiting for another deploy's lock, retries),
 * set with {@link StrataConfig.Builder#listener(StrataListener)}.
 *
 * <pre>{@code
 * System.Logger log = System.getLogger("migrations");
 * Strata strata = Strata.configure().url(url).schema(schema)
 *     .listener(event -> log.log(event.level(), event.message()))   // or StrataListener.logTo(log)
 *     .load();
 * }</pre>
 *
 * <p>Events arrive on the thread that called the command, in order. A listener that throws stops
 * nothing: its exception is ignored, so logging can never break a deploy.
 */
@FunctionalInterface
public interface StrataListener {
  /** A listener that ignores everything (the default). */
  StrataListener NONE = event -> {};

  /** Called for each event as it happens. */
  void on(StrataEvent event);

  /** A listener that writes each event's {@link StrataEvent#message()} to {@code logger} at the event's level. */
  static StrataListener logTo(System.Logger logger) {
    Objects.requireNonNull(logger, "logger");
    return event -> logger.log(event.level(), event.message());
  }
}
