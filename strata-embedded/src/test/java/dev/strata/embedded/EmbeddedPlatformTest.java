package dev.strata.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedPlatformTest {

  @Test
  void linux_on_x86_64_runs_the_bundled_binaries_whatever_the_jvm_calls_it() {
    assertThat(EmbeddedPlatform.supports("Linux", "amd64")).isTrue();
    assertThat(EmbeddedPlatform.supports("Linux", "x86_64")).isTrue();
    assertThat(EmbeddedPlatform.unsupported("Linux", "amd64")).isEmpty();
  }

  @Test
  void other_processors_and_operating_systems_are_told_what_is_bundled_and_what_they_are() {
    assertThat(EmbeddedPlatform.unsupported("Linux", "aarch64")).contains(
        "The embedded PostgreSQL ships Linux x86-64 binaries only, and this machine is Linux aarch64.");
    assertThat(EmbeddedPlatform.unsupported("Mac OS X", "aarch64")).get().asString().endsWith("this machine is Mac OS X aarch64.");
    assertThat(EmbeddedPlatform.unsupported("Mac OS X", "x86_64")).isPresent();
    assertThat(EmbeddedPlatform.unsupported("Windows 11", "amd64")).isPresent();
    assertThat(EmbeddedPlatform.unsupported("FreeBSD", "amd64")).isPresent();
    assertThat(EmbeddedPlatform.unsupported("", "")).get().asString().endsWith("this machine is unknown (unknown processor).");
  }

  @Test
  void this_machine_is_judged_by_its_own_properties() {
    assertThat(EmbeddedPlatform.unsupported())
        .isEqualTo(EmbeddedPlatform.unsupported(System.getProperty("os.name"), System.getProperty("os.arch")));
  }
}
