package dev.strata.cli.command.migrate;

import picocli.CommandLine.Command;

/** {@code strata migrate}: the migration commands, Prisma Migrate-compatible. */
@Command(
    name = "migrate",
    description = "Migrations: create, apply, inspect, resolve and roll back, Prisma Migrate-compatible.",
    synopsisSubcommandLabel = "COMMAND")
public final class MigrateCommand {}
