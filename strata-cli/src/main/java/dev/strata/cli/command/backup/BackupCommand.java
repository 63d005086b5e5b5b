package dev.strata.cli.command.backup;

import picocli.CommandLine.Command;

/** {@code strata backup}: backups with PostgreSQL's own pg_dump, proven by restoring them. */
@Command(
    name = "backup",
    description = "Backups with pg_dump/pg_restore: create, list, verify (checksums or a real restore), restore, prune (GFS).",
    synopsisSubcommandLabel = "COMMAND")
public final class BackupCommand {}
