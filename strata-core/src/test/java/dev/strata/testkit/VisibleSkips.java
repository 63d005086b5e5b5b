package dev.strata.testkit;

import dev.strata.embedded.SharedData;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * A {@code @TestFactory} that steps aside (an assumption fails while it gathers its cases, e.g.
 * {@link SharedData#require} when {@code ../shared} is absent) reports one skipped test carrying the
 * reason, instead of no test at all: JUnit marks only the factory's container as aborted, which
 * Surefire reports as "Tests run: 0" — indistinguishable from a suite that found no cases.
 * Registered for every test class (META-INF/services and junit-platform.properties).
 */
public final class VisibleSkips implements InvocationInterceptor {
  @Override
  public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    try {
      return invocation.proceed();
    } catch (TestAbortedException e) {
      @SuppressWarnings("unchecked") // JUnit accepts any Stream of dynamic nodes as the factory's result
      T skipped = (T) Stream.of(DynamicTest.dynamicTest("skipped: " + e.getMessage(), () -> {
        throw e;
      }));
      return skipped;
    }
  }
}
