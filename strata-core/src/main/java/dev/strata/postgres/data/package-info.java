/**
 * Reading and editing rows for {@link dev.strata.DataBrowser}: {@link
 * dev.strata.postgres.data.PgDataSql} writes the statements (identifiers quoted from the schema IR,
 * every value a bound parameter), {@link dev.strata.postgres.data.PgData} runs them, each change in
 * its own transaction.
 */
package dev.strata.postgres.data;
