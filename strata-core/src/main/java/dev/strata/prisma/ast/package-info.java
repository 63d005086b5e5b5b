/**
 * The Prisma schema AST: a lossless-enough tree of one or more schema files. Every node keeps its
 * {@link dev.strata.diag.Span}; comments, blank lines and unparsable lines inside blocks are kept as
 * members so that the formatter can reproduce the file and the validator can point at anything.
 */
package dev.strata.prisma.ast;
