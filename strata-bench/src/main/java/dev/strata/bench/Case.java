package dev.strata.bench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool in one workload: an untimed {@code setup} and one timed step per phase of the workload,
 * run in that order on the run's database. With {@code sharedDatabase}, the database and its setup
 * are made once, at the tool's first run, and reused by its later runs (for phases that leave the
 * database as they found it: a no-op rerun, a status).
 */
public record Case(String label, Optional<Step> setup, List<Step> timed, boolean needsDatabase, boolean sharedDatabase) {
  public Case {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(setup, "setup");
    timed = List.copyOf(timed);
  }

  /** What a step does, given the database made for the run (empty name when the case needs none). */
  @FunctionalInterface
  public interface Step {
    Sample run(String database) throws Exception;
  }
}
