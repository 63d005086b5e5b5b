package dev.strata;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A {@link DevConsole} for tests: answers from a script (non-interactive when there is none), and keeps every line said. */
final class ScriptedConsole implements DevConsole {
  private final Deque<String> answers;
  final List<String> said = new ArrayList<>();
  final List<String> asked = new ArrayList<>();

  private ScriptedConsole(List<String> answers) {
    this.answers = answers == null ? null : new ArrayDeque<>(answers);
  }

  static ScriptedConsole nonInteractive() {
    return new ScriptedConsole(null);
  }

  static ScriptedConsole answering(String... answers) {
    return new ScriptedConsole(List.of(answers));
  }

  @Override
  public boolean interactive() {
    return answers != null;
  }

  @Override
  public boolean confirm(String question) {
    asked.add(question);
    String a = answers == null || answers.isEmpty() ? "" : answers.pop();
    return a.equals("y");
  }

  @Override
  public String ask(String question) {
    asked.add(question);
    return answers == null || answers.isEmpty() ? "" : answers.pop();
  }

  @Override
  public void say(String line) {
    said.add(line);
  }
}
