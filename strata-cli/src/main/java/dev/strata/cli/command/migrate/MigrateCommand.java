package dev.strata.cli.command.migrate;

import picocli.CommandLine.Command;

/** {@code strata migrate}: the migration commands, Prisma Migrate-compatible. */
@Command(
    name = "migrate",
    description = "Migrations: compare schemas and histories (more commands arrive with the migration engine).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {MigrateDiffCommand.class, MigrateDevCommand.class, MigrateDownCommand.class, MigrateResetCommand.class, MigrateDeployCommand.class, MigrateStatusCommand.class, MigrateResolveCommand.class})
public final class MigrateCommand {}
