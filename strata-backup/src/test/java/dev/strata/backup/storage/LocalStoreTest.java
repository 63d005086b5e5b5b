package dev.strata.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backup folder keeps the dumps out of the project's Git repository. */
class LocalStoreTest {
  @TempDir Path project;

  @Test
  void a_backup_folder_it_creates_is_ignored_by_git_and_an_existing_one_is_left_alone() throws Exception {
    LocalStore store = new LocalStore(project.resolve("backups"));
    Path partial = store.startPartial("20261207-120000-abcd");
    Files.writeString(partial.resolve("data.dump"), "rows of the database");
    store.complete(partial, "20261207-120000-abcd");
    assertThat(Files.readString(project.resolve("backups/.gitignore"))).endsWith("\n*\n");
    assertThat(store.list()).as("the .gitignore is not a backup").isEmpty();

    Path own = Files.createDirectories(project.resolve("elsewhere"));
    Files.writeString(new LocalStore(own).startPartial("20261207-120001-abcd").resolve("data.dump"), "rows");
    assertThat(own.resolve(".gitignore")).as("a folder the user made is theirs").doesNotExist();

    // and Git itself agrees, where it is installed
    Assumptions.assumeTrue(git("init", "-q").exitValue() == 0, "git is not installed: the ignore file was checked above");
    Process status = git("status", "--porcelain", "--untracked-files=all");
    String out = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(status.waitFor()).isZero();
    assertThat(out).doesNotContain("backups/").contains("elsewhere/");
  }

  private Process git(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
      if (args[0].equals("init")) {
        p.getInputStream().readAllBytes();
        p.waitFor();
      }
      return p;
    } catch (IOException e) {
      return new ProcessBuilder("false").start().onExit().join();
    }
  }
}
