/**
 * The Prisma schema parser: a hand-written, line-oriented recursive-descent reader that turns schema
 * text into the {@link dev.strata.prisma.ast} tree. It never throws on input: unreadable lines become
 * {@link dev.strata.prisma.ast.InvalidLine}s with one diagnostic each (codes in {@link
 * dev.strata.prisma.parse.ParseCodes}), reported on the line where Prisma reports them.
 */
package dev.strata.prisma.parse;
