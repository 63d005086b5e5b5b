package dev.strata.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class that receives a fresh {@link TestDatabase} parameter (constructor,
 * lifecycle or test method), created when first asked for and dropped after the class.
 *
 * <p>Shorthand for {@code @ExtendWith(PostgresExtension.class)} plus the choice of server. To run
 * one suite against both servers, put the tests in an abstract class and extend it twice.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresExtension.class)
public @interface StrataDatabase {
  /** Which server the database is created on. */
  Server server() default Server.EMBEDDED;

  /** The servers a test database can live on. */
  enum Server {
    /** The JVM's shared embedded server ({@link LocalPostgres#shared()}); always available. */
    EMBEDDED,
    /**
     * The PostgreSQL server installed on this machine ({@link TestServers#localServer()}); the
     * class is skipped, with a message, when it is not reachable.
     */
    LOCAL
  }
}
