package dev.strata.cli.command.db;

import picocli.CommandLine.Command;

/** {@code strata db}: commands that work on the database directly. */
@Command(
    name = "db",
    description = "Work on the database directly: pull, push, execute SQL, seed.",
    synopsisSubcommandLabel = "COMMAND")
public final class DbCommand {}
