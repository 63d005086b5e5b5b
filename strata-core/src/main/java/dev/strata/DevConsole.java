package dev.strata;

/**
 * The person (or script) behind {@link Strata#migrateDev(DevRequest, DevConsole)}, implemented by
 * the front end (the CLI's terminal, the studio, a test): progress lines go to them, and questions
 * (the migration's name, a rename, a reset, data loss) are asked only when they can answer.
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
