package dev.strata.embedded;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the embedded PostgreSQL can run: the one place that decides it. Strata bundles zonky's
 * Linux x86-64 binaries only, so on any other operating system or processor the embedded server
 * (the zero-setup shadow database, {@code strata dev}, the test kit) is unavailable and a
 * PostgreSQL server of one's own takes its place.
 */
public final class EmbeddedPlatform {
  /** The platform the bundled binaries are built for, as users read it. */
  public static final String SUPPORTED = "Linux x86-64";

  private EmbeddedPlatform() {}

  /** Why the embedded PostgreSQL cannot run on this machine ({@code os.name}, {@code os.arch}); empty when it can. */
  public static Optional<String> unsupported() {
    return unsupported(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /**
   * Why the embedded PostgreSQL cannot run on a machine with these {@code os.name} and {@code
   * os.arch} values; empty when it can.
   */
  public static Optional<String> unsupported(String osName, String osArch) {
    if (supports(osName, osArch)) {
      return Optional.empty();
    }
    return Optional.of("The embedded PostgreSQL ships " + SUPPORTED + " binaries only, and this machine is "
        + (osName.isBlank() ? "unknown" : osName) + " " + (osArch.isBlank() ? "(unknown processor)" : osArch) + ".");
  }

  /** Whether the bundled binaries run on a machine with these {@code os.name} and {@code os.arch} values. */
  public static boolean supports(String osName, String osArch) {
    boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    return linux && x64;
  }
}
