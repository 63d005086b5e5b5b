package dev.strata.cli.command.health;

import picocli.CommandLine.Command;

/** {@code strata check}: checks of the project against the database ({@code queries}). */
@Command(
    name = "check",
    description = "Check the project against the database: queries' plans, results and speed.",
    synopsisSubcommandLabel = "COMMAND")
public final class CheckCommand {}
