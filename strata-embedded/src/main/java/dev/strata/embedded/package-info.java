/**
 * Embedded PostgreSQL (zonky binaries, no Docker) and the JUnit 5 test kit built on it.
 *
 * <ul>
 *   <li>{@link dev.strata.embedded.LocalPostgres}: a server this JVM starts; {@code shared()} for
 *       the one per JVM, {@code start()} for a private temporary one, {@code builder()} for a
 *       persistent data directory ({@code .strata/dev-db}) or a fixed port.
 *   <li>{@link dev.strata.embedded.PostgresServer}: what every server offers (URLs, connections,
 *       create/drop database, version), also for an external server.
 *   <li>{@link dev.strata.embedded.ShadowDatabase}: a fresh empty database dropped on close.
 *   <li>Tests: annotate the class with {@link dev.strata.embedded.StrataDatabase} and take a
 *       {@link dev.strata.embedded.TestDatabase} parameter; {@link dev.strata.embedded.TestServers}
 *       names the servers.
 * </ul>
 *
 * <p>Failures throw the unchecked {@link dev.strata.embedded.EmbeddedPostgresException}; this
 * module depends on no other Strata module, so callers in core wrap it in their own exception.
 */
package dev.strata.embedded;
