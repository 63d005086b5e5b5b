/**
 * Each command's orchestration, written once: what the {@link dev.strata.Strata} façade's methods
 * hand over to, and so what the CLI, the studio and Java callers all run (see {@code
 * docs/operations.md}). Front ends never use this package directly.
 */
package dev.strata.operation;
