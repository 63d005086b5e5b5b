package dev.strata.cli.command.db;

import picocli.CommandLine.Command;

/** {@code strata db}: commands that work on the database directly. */
@Command(
    name = "db",
    description = "Work on the database directly (more commands arrive with the migration engine).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {DbPullCommand.class, DbPushCommand.class, DbExecuteCommand.class, DbSeedCommand.class})
public final class DbCommand {}
