package dev.strata.embedded;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link StrataDatabase}: gives each test class its own fresh
 * database, copied from an empty template on the shared server, and drops it after the class.
 *
 * <p>Every {@link TestDatabase} parameter within one class (and its {@code @Nested} classes)
 * receives the same database; classes running in parallel get different ones. Used bare, as
 * {@code @ExtendWith(PostgresExtension.class)}, it targets the embedded server.
 */
public final class PostgresExtension implements ParameterResolver, ExecutionCondition {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final String KEY = "database";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return condition(server(context), TestServers::localServer, TestServers.localServerAddress());
  }

  static ConditionEvaluationResult condition(StrataDatabase.Server server,
      Supplier<Optional<PostgresServer>> localServer, String localAddress) {
    if (server == StrataDatabase.Server.LOCAL && localServer.get().isEmpty()) {
      return ConditionEvaluationResult.disabled("PostgreSQL at " + localAddress
          + " is not reachable; skipping the tests that run against it");
    }
    return ConditionEvaluationResult.enabled("database server available");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    ExtensionContext classContext = classContext(extensionContext);
    // getOrComputeIfAbsent also looks in enclosing classes' stores, so @Nested classes share it.
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> create(classContext), ClassDatabase.class)
        .database();
  }

  private static ClassDatabase create(ExtensionContext classContext) {
    PostgresServer server = switch (server(classContext)) {
      case EMBEDDED -> TestServers.embedded();
      case LOCAL -> TestServers.localServer().orElseThrow(() -> new EmbeddedPostgresException(
          "PostgreSQL at " + TestServers.localServerAddress() + " is not reachable."));
    };
    String hint = classContext.getTestClass().map(Class::getSimpleName).orElse("");
    String name = DatabaseNames.unique("strata_test", hint);
    server.createDatabase(name);
    return new ClassDatabase(new TestDatabase(server, name));
  }

  /** The nearest class-level context: test methods and constructors resolve against their class. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static StrataDatabase.Server server(ExtensionContext context) {
    for (Class<?> type = context.getTestClass().orElse(null); type != null; type = type.getEnclosingClass()) {
      Optional<StrataDatabase> annotation = AnnotationSupport.findAnnotation(type, StrataDatabase.class);
      if (annotation.isPresent()) {
        return annotation.get().server();
      }
    }
    return StrataDatabase.Server.EMBEDDED;
  }

  /** Store entry whose closing, when the class finishes, drops the database. */
  private record ClassDatabase(TestDatabase database) implements AutoCloseable {
    @Override
    public void close() {
      database.closeSession();
      database.server().dropDatabase(database.name());
    }
  }
}
