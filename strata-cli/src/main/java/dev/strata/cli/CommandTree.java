package dev.strata.cli;

import dev.strata.cli.command.ConfigCommand;
import dev.strata.cli.command.DemoCommand;
import dev.strata.cli.command.DevCommand;
import dev.strata.cli.command.DocsCommand;
import dev.strata.cli.command.ErdCommand;
import dev.strata.cli.command.StudioCommand;
import dev.strata.cli.command.ExplainCommand;
import dev.strata.cli.command.FormatCommand;
import dev.strata.cli.command.InitCommand;
import dev.strata.cli.command.ValidateCommand;
import dev.strata.cli.command.db.DbCommand;
import dev.strata.cli.command.db.DbExecuteCommand;
import dev.strata.cli.command.db.DbPullCommand;
import dev.strata.cli.command.db.DbPushCommand;
import dev.strata.cli.command.db.DbSeedCommand;
import dev.strata.cli.command.health.CheckCommand;
import dev.strata.cli.command.health.CheckQueriesCommand;
import dev.strata.cli.command.health.HealthAlertsCommand;
import dev.strata.cli.command.health.HealthCommand;
import dev.strata.cli.command.health.HealthIndexesCommand;
import dev.strata.cli.command.health.HealthServeCommand;
import dev.strata.cli.command.health.HealthSnapshotCommand;
import dev.strata.cli.command.migrate.MigrateCommand;
import dev.strata.cli.command.migrate.MigrateDeployCommand;
import dev.strata.cli.command.migrate.MigrateDevCommand;
import dev.strata.cli.command.migrate.MigrateDiffCommand;
import dev.strata.cli.command.migrate.MigrateDownCommand;
import dev.strata.cli.command.migrate.MigrateLintCommand;
import dev.strata.cli.command.migrate.MigrateResetCommand;
import dev.strata.cli.command.migrate.MigrateResolveCommand;
import dev.strata.cli.command.migrate.MigrateStatusCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every {@code strata} command, in the order help lists them, and the picocli tree built from
 * them: whole for help and usage errors, or only the branch a command line names.
 *
 * <p>picocli reads each command's annotations by reflection when it joins the tree, which costs
 * more than a short command's own work (about 0.1 s for the whole tree on a cold JVM). So
 * {@code strata migrate deploy …} builds the root, {@code migrate} and {@code deploy} only. A
 * command line the branch rule cannot read with certainty gets the whole tree, so picocli's help,
 * suggestions and errors are unchanged.
 */
final class CommandTree {
  /** A command, and its subcommands when it is a group. */
  private record Node(Class<?> type, List<Class<?>> children) {
    String name() {
      return nameOf(type);
    }
  }

  private static final List<Node> COMMANDS = List.of(
      new Node(InitCommand.class, List.of()),
      new Node(ValidateCommand.class, List.of()),
      new Node(FormatCommand.class, List.of()),
      new Node(ConfigCommand.class, List.of()),
      new Node(ExplainCommand.class, List.of()),
      new Node(MigrateCommand.class, List.of(MigrateDiffCommand.class, MigrateDevCommand.class, MigrateDownCommand.class,
          MigrateResetCommand.class, MigrateDeployCommand.class, MigrateStatusCommand.class, MigrateResolveCommand.class,
          MigrateLintCommand.class)),
      new Node(DbCommand.class, List.of(DbPullCommand.class, DbPushCommand.class, DbExecuteCommand.class, DbSeedCommand.class)),
      new Node(HealthCommand.class, List.of(HealthSnapshotCommand.class, HealthIndexesCommand.class, HealthServeCommand.class,
          HealthAlertsCommand.class)),
      new Node(CheckCommand.class, List.of(CheckQueriesCommand.class)),
      new Node(dev.strata.cli.command.backup.BackupCommand.class, List.of(dev.strata.cli.command.backup.BackupCreateCommand.class,
          dev.strata.cli.command.backup.BackupListCommand.class, dev.strata.cli.command.backup.BackupVerifyCommand.class,
          dev.strata.cli.command.backup.BackupRestoreCommand.class, dev.strata.cli.command.backup.BackupPruneCommand.class,
          dev.strata.cli.command.backup.BackupScheduleCommand.class)),
      new Node(DevCommand.class, List.of()),
      new Node(StudioCommand.class, List.of()),
      new Node(DocsCommand.class, List.of()),
      new Node(ErdCommand.class, List.of()),
      new Node(DemoCommand.class, List.of()),
      new Node(CommandLine.HelpCommand.class, List.of()));

  private CommandTree() {}

  /** The whole tree under {@code root}. */
  static CommandLine full(Object root) {
    CommandLine cli = new CommandLine(root);
    COMMANDS.forEach(node -> add(cli, node, Optional.empty()));
    return cli;
  }

  /**
   * The tree {@code args} need: when {@code args[0]} names a command, that command alone, and of a
   * group only the subcommand {@code args[1]} names (all of them when it names none). Anything else
   * (no command, an option first, an unknown name, {@code help}, an {@code @argfile}) gets the whole
   * tree, except {@code --version} alone, which gets the root only.
   */
  static CommandLine forArgs(Object root, String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return new CommandLine(root); // the version needs no subcommand
    }
    Optional<Node> node = args.length == 0 ? Optional.empty()
        : COMMANDS.stream().filter(n -> n.name().equals(args[0])).findFirst();
    if (node.isEmpty() || node.get().type() == CommandLine.HelpCommand.class) {
      return full(root);
    }
    CommandLine cli = new CommandLine(root);
    add(cli, node.get(), args.length > 1 ? Optional.of(args[1]) : Optional.empty());
    return cli;
  }

  /** Adds a command; of a group's subcommands only {@code only} when it names one of them, else all. */
  private static void add(CommandLine parent, Node node, Optional<String> only) {
    parent.addSubcommand(node.type());
    if (node.children().isEmpty()) {
      return;
    }
    CommandLine group = parent.getSubcommands().get(node.name());
    List<Class<?>> named = node.children().stream()
        .filter(child -> only.isPresent() && nameOf(child).equals(only.get())).toList();
    (named.isEmpty() ? node.children() : named).forEach(group::addSubcommand);
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** Whether {@code name} is a group of subcommands ({@code migrate}, {@code db}). */
  static boolean isGroup(String name) {
    return COMMANDS.stream().anyMatch(node -> node.name().equals(name) && !node.children().isEmpty());
  }

  /** Every command's path ({@code ["migrate", "deploy"]}, {@code ["validate"]}…), in help order. */
  static List<List<String>> paths() {
    List<List<String>> paths = new ArrayList<>();
    for (Node node : COMMANDS) {
      paths.add(List.of(node.name()));
      node.children().forEach(child -> paths.add(List.of(node.name(), nameOf(child))));
    }
    return paths;
  }
}
