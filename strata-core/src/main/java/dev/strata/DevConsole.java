package dev.strata;

/**
 * The person (or script) running {@code migrate dev}, {@code migrate down} or {@code migrate
 * reset}: progress lines go to them, and questions are asked only when they can answer.
 */
public interface DevConsole {
  /** Whether questions can be asked (a terminal, or answers scripted by a test). */
  boolean interactive();

  /** A yes/no question, answered no by default (and at the end of input). */
  boolean confirm(String question);

  /** A free-text question; empty at the end of input. */
  String ask(String question);

  /** A line of progress for the user. */
  void say(String line);
}
