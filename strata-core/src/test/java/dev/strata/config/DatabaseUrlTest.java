package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  private static StrataException parseError(String url) {
    StrataException e = catchThrowableOfType(StrataException.class, () -> DatabaseUrl.parse(url));
    assertThat(e).as("expected a parse error for the URL").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
    return e;
  }

  // ------------------------------------------------------------------ parsing

  @Test
  void parses_a_full_prisma_url() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://alice:s3cret@db.example.com:6543/shop?schema=app&sslmode=require&connection_limit=5");

    assertThat(url.scheme()).isEqualTo("postgresql");
    assertThat(url.host()).isEqualTo("db.example.com");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.database()).contains("shop");
    assertThat(url.user()).contains("alice");
    assertThat(url.password()).contains("s3cret");
    assertThat(url.schema()).isEqualTo("app");
    assertThat(url.param("connection_limit")).contains("5");
    assertThat(url.param("sslmode")).contains("require");
  }

  @Test
  void accepts_the_postgres_scheme_and_any_letter_case() {
    assertThat(DatabaseUrl.parse("postgres://u@h/d").scheme()).isEqualTo("postgres");
    assertThat(DatabaseUrl.parse("PostgreSQL://u@h/d").scheme()).isEqualTo("postgresql");
  }

  @Test
  void defaults_the_port_to_5432_and_the_schema_to_public() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@localhost/db");

    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.schema()).isEqualTo("public");
  }

  @Test
  void allows_a_missing_user_password_and_database() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://localhost:5433");

    assertThat(url.user()).isEmpty();
    assertThat(url.password()).isEmpty();
    assertThat(url.database()).isEmpty();
    assertThat(url.databaseOrDefault()).isEqualTo("postgres");
    assertThat(url.toJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/postgres?currentSchema=public");
  }

  @Test
  void reads_a_user_without_a_password() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://bob@localhost/db");

    assertThat(url.user()).contains("bob");
    assertThat(url.password()).isEmpty();
  }

  @Test
  void decodes_percent_encoded_user_password_and_database() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%40ss%3Aw%2Frd%25@h/my%20db");

    assertThat(url.user()).contains("us@er");
    assertThat(url.password()).contains("p@ss:w/rd%");
    assertThat(url.database()).contains("my db");
  }

  @Test
  void decodes_utf8_percent_escapes() {
    assertThat(DatabaseUrl.parse("postgresql://u:%C3%A9t%C3%A9@h/d").password()).contains("été");
  }

  @Test
  void accepts_an_unencoded_at_sign_in_the_password_like_a_browser_does() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@ss@host:5432/db");

    assertThat(url.password()).contains("p@ss");
    assertThat(url.host()).isEqualTo("host");
  }

  @Test
  void decodes_plus_as_space_in_query_values_only() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:a+b@h/d?application_name=my+app");

    assertThat(url.password()).contains("a+b");
    assertThat(url.param("application_name")).contains("my app");
  }

  @Test
  void parses_an_ipv6_host_with_and_without_port() {
    assertThat(DatabaseUrl.parse("postgresql://u@[::1]:6000/d").hosts())
        .containsExactly(new DatabaseUrl.Host("::1", 6000));
    assertThat(DatabaseUrl.parse("postgresql://u@[2001:db8::5]/d").hosts())
        .containsExactly(new DatabaseUrl.Host("2001:db8::5", 5432));
  }

  @Test
  void parses_several_hosts_in_order() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h1:5432,h2:5433,[::1]/d");

    assertThat(url.hosts())
        .containsExactly(
            new DatabaseUrl.Host("h1", 5432), new DatabaseUrl.Host("h2", 5433), new DatabaseUrl.Host("::1", 5432));
    assertThat(url.toJdbcUrl()).startsWith("jdbc:postgresql://h1:5432,h2:5433,[::1]:5432/d?");
  }

  @Test
  void reads_a_unix_socket_directory_from_the_host_parameter() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u@localhost/db?host=/var/run/postgresql");

    assertThat(url.socketDirectory()).contains("/var/run/postgresql");
  }

  @Test
  void reads_a_socket_url_with_an_empty_host() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql:///db?host=%2Fvar%2Frun%2Fpostgresql");

    assertThat(url.socketDirectory()).contains("/var/run/postgresql");
    assertThat(url.database()).contains("db");
  }

  @Test
  void lets_a_host_name_parameter_override_the_authority_host() {
    assertThat(DatabaseUrl.parse("postgresql://u@ignored:6000/db?host=real").hosts())
        .containsExactly(new DatabaseUrl.Host("real", 6000));
  }

  @Test
  void takes_the_last_value_of_a_repeated_parameter() {
    assertThat(DatabaseUrl.parse("postgresql://h/d?schema=a&schema=b").schema()).isEqualTo("b");
  }

  @Test
  void takes_user_and_password_from_libpq_style_parameters() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://h/d?user=carol&password=pw1");

    assertThat(url.user()).contains("carol");
    assertThat(url.password()).contains("pw1");
    assertThat(url.masked()).doesNotContain("pw1");
  }

  @Test
  void trims_surrounding_whitespace() {
    assertThat(DatabaseUrl.parse("  postgresql://u@h/d \n").database()).contains("d");
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void rejects_an_empty_url() {
    assertThat(parseError("   ")).hasMessage("The database URL is empty.");
    assertThat(parseError(null)).hasMessage("The database URL is empty.");
  }

  @Test
  void rejects_another_database_scheme_naming_it() {
    assertThat(parseError("mysql://root:hunter2@localhost/db"))
        .hasMessage("The database URL must start with postgresql:// or postgres:// (got mysql://…).")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void rejects_a_value_without_a_scheme_without_echoing_it() {
    StrataException e = parseError("admin:hunter2@localhost/db");

    assertThat(e).hasMessageStartingWith("The database URL must start with postgresql:// or postgres://");
    assertThat(e.getMessage()).doesNotContain("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"prisma+postgres://accelerate.prisma-data.net/?api_key=abc", "prisma://x.prisma-data.net/?api_key=abc"})
  void explains_that_accelerate_urls_are_not_supported(String url) {
    assertThat(parseError(url).getMessage())
        .contains("Prisma Accelerate / Prisma Postgres URL")
        .contains("not support")
        .contains("direct PostgreSQL URL");
  }

  @Test
  void explains_that_jdbc_urls_are_not_the_expected_form() {
    assertThat(parseError("jdbc:postgresql://localhost/db?user=u&password=hunter2").getMessage())
        .contains("is a JDBC URL")
        .doesNotContain("hunter2");
  }

  @Test
  void rejects_a_scheme_without_slashes() {
    assertThat(parseError("postgresql:localhost/db").getMessage()).contains("must start with postgresql://");
  }

  @Test
  void rejects_a_bad_port_quoting_it() {
    assertThat(parseError("postgresql://u:pw@localhost:54x2/db").getMessage())
        .contains("invalid port \"54x2\"")
        .contains("postgresql://u:****@localhost:54x2/db")
        .doesNotContain(":pw@");
  }

  @Test
  void rejects_a_port_out_of_range() {
    assertThat(parseError("postgresql://localhost:70000/db").getMessage()).contains("from 1 to 65535");
  }

  @Test
  void rejects_an_ipv6_host_without_closing_bracket() {
    assertThat(parseError("postgresql://u@[::1/db").getMessage()).contains("closing ']'");
  }

  @Test
  void rejects_an_invalid_host_name() {
    assertThat(parseError("postgresql://u@bad host/db").getMessage()).contains("invalid host name \"bad host\"");
  }

  @Test
  void rejects_a_path_with_several_segments() {
    assertThat(parseError("postgresql://u@h/db/extra").getMessage()).contains("more than one segment");
  }

  @Test
  void rejects_an_invalid_percent_encoding_without_quoting_the_password() {
    StrataException e = parseError("postgresql://u:ab%zzcd@h/db");

    assertThat(e.getMessage()).contains("invalid percent-encoding in the password").doesNotContain("ab%zzcd");
  }

  @Test
  void rejects_unknown_ssl_modes_and_bad_numbers() {
    assertThat(parseError("postgresql://h/d?sslmode=sometimes").getMessage()).contains("unknown sslmode \"sometimes\"");
    assertThat(parseError("postgresql://h/d?sslaccept=maybe").getMessage()).contains("unknown sslaccept");
    assertThat(parseError("postgresql://h/d?connect_timeout=5s").getMessage()).contains("connect_timeout");
    assertThat(parseError("postgresql://h/d?connection_limit=0").getMessage()).contains("connection_limit");
    assertThat(parseError("postgresql://h/d?pgbouncer=yes").getMessage()).contains("pgbouncer");
    assertThat(parseError("postgresql://h/d?target_session_attrs=whatever").getMessage())
        .contains("target_session_attrs");
    assertThat(parseError("postgresql://h/d?schema=").getMessage()).contains("empty schema");
  }

  // ------------------------------------------------------------------ the masking guarantee

  private static final String NASTY_PASSWORD = "p@ss:w/rd";

  @Test
  void a_malformed_url_with_a_password_containing_at_colon_and_slash_is_reported_masked() {
    StrataException e = parseError("postgresql://admin:" + NASTY_PASSWORD + "@db.internal:5432/app");

    assertThat(e.getMessage())
        .contains("percent-encoded")
        .contains("postgresql://admin:****@db.internal:5432/app")
        .doesNotContain(NASTY_PASSWORD)
        .doesNotContain("w/rd")
        .doesNotContain("ss:w");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://admin:p@ss:w/rd@db.internal/app",
        "postgresql://admin:p@ss:w/rd@db.internal:5432/app?schema=x",
        "postgresql://admin:p@ss:w/rd@db.internal",
        "postgresql://admin:p@ss:w/rd@",
        "postgresql://admin:p@ss:w/rd@db internal/app",
        "postgres://admin:p@ss:w/rd@h:99999/app",
        "mysql://admin:p@ss:w/rd@h/app",
        "prisma+postgres://admin:p@ss:w/rd@h/app",
        "postgresql://admin:p@ss:w/rd@h/app?application_name=a@b",
        "postgresql://admin:p@ss:w/rd@h/app?connect_timeout=a@b",
        "postgresql://h/app?password=p@ss:w/rd&sslmode=bad",
        "admin:p@ss:w/rd@h/app",
        "postgresql:admin:p@ss:w/rd@h/app",
        "jdbc:postgresql://h/app?user=admin&password=p@ss:w/rd"
      })
  void no_parse_error_ever_contains_the_password(String url) {
    StrataException e = catchThrowableOfType(StrataException.class, () -> DatabaseUrl.parse(url));
    if (e != null) {
      assertThat(e.getMessage()).doesNotContain(NASTY_PASSWORD).doesNotContain("w/rd");
    } else {
      DatabaseUrl parsed = DatabaseUrl.parse(url);
      assertThat(parsed.toString()).doesNotContain(NASTY_PASSWORD);
      assertThat(parsed.masked()).doesNotContain(NASTY_PASSWORD);
    }
  }

  @Test
  void masked_and_to_string_replace_the_password() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://admin:p%40ss%3Aw%2Frd@db:5432/app?schema=s&sslpassword=k3y");

    assertThat(url.masked()).isEqualTo("postgresql://admin:****@db:5432/app?schema=s&sslpassword=****");
    assertThat(url.toString()).isEqualTo(url.masked());
    assertThat(url.toString()).doesNotContain(NASTY_PASSWORD).doesNotContain("k3y");
  }

  @Test
  void masked_keeps_a_url_without_password_readable() {
    assertThat(DatabaseUrl.parse("postgresql://bob@[::1]/d?schema=x").masked())
        .isEqualTo("postgresql://bob@[::1]:5432/d?schema=x");
  }

  @Test
  void mask_hides_credentials_anywhere_in_text() {
    String text =
        "FATAL: could not connect to postgresql://admin:hunter2@db:5432/app (from postgres://x:y@z/w) end";

    assertThat(DatabaseUrl.mask(text))
        .isEqualTo("FATAL: could not connect to postgresql://admin:****@db:5432/app (from postgres://x:****@z/w) end");
  }

  @Test
  void mask_covers_a_password_with_unencoded_special_characters() {
    String masked = DatabaseUrl.mask("url='postgresql://admin:" + NASTY_PASSWORD + "@db/app' failed");

    assertThat(masked).isEqualTo("url='postgresql://admin:****@db/app' failed");
  }

  @Test
  void mask_hides_password_parameters_of_jdbc_urls_and_key_value_strings() {
    assertThat(DatabaseUrl.mask("jdbc:postgresql://h/d?user=u&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/d?user=u&password=****&ssl=true");
    assertThat(DatabaseUrl.mask("host=h password=hunter2 sslpassword=k3y dbname=d"))
        .isEqualTo("host=h password=**** sslpassword=**** dbname=d");
  }

  @Test
  void mask_leaves_text_without_credentials_alone() {
    String text = "see https://pris.ly/d/connection-strings and user@example.com";

    assertThat(DatabaseUrl.mask(text)).isEqualTo(text);
    assertThat(DatabaseUrl.mask("")).isEmpty();
    assertThat(DatabaseUrl.mask(null)).isEmpty();
  }

  // ------------------------------------------------------------------ JDBC

  @Test
  void converts_to_jdbc_with_current_schema_and_no_credentials() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://admin:hunter2@db:5432/app?schema=tenant_1");

    assertThat(url.toJdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?currentSchema=tenant_1");
    assertThat(url.toJdbcUrl()).doesNotContain("hunter2").doesNotContain("admin");
    Properties props = url.toJdbcProperties();
    assertThat(props.getProperty("user")).isEqualTo("admin");
    assertThat(props.getProperty("password")).isEqualTo("hunter2");
  }

  @Test
  void quotes_a_schema_name_the_server_would_otherwise_fold() {
    assertThat(DatabaseUrl.parse("postgresql://h/d?schema=MySchema").toJdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d?currentSchema=%22MySchema%22");
  }

  @Test
  void maps_the_prisma_parameters_to_their_pgjdbc_names() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://h/d?sslmode=verify-full&sslcert=certs/ca.pem&sslidentity=id.p12&sslpassword=k3y"
                + "&connect_timeout=7&socket_timeout=30&application_name=strata&options=-c%20statement_timeout%3D5s"
                + "&target_session_attrs=read-write");

    assertThat(url.toJdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://h:5432/d?currentSchema=public&sslmode=verify-full&sslrootcert=certs/ca.pem"
                + "&sslkey=id.p12&connectTimeout=7&socketTimeout=30&ApplicationName=strata"
                + "&options=-c%20statement_timeout%3D5s&targetServerType=primary");
    assertThat(url.toJdbcUrl()).doesNotContain("k3y");
    assertThat(url.toJdbcProperties().getProperty("sslpassword")).isEqualTo("k3y");
  }

  @Test
  void prefers_an_explicit_sslrootcert_over_prisma_sslcert() {
    assertThat(DatabaseUrl.parse("postgresql://h/d?sslcert=a.pem&sslrootcert=b.pem").toJdbcUrl())
        .contains("sslrootcert=b.pem")
        .doesNotContain("a.pem");
  }

  @Test
  void strict_sslaccept_turns_require_into_verify_full() {
    assertThat(DatabaseUrl.parse("postgresql://h/d?sslmode=require&sslaccept=strict").toJdbcUrl())
        .contains("sslmode=verify-full");
    assertThat(DatabaseUrl.parse("postgresql://h/d?sslmode=require&sslaccept=accept_invalid_certs").toJdbcUrl())
        .contains("sslmode=require");
    assertThat(DatabaseUrl.parse("postgresql://h/d?sslmode=no-verify").toJdbcUrl()).contains("sslmode=require");
    assertThat(DatabaseUrl.parse("postgresql://h/d?sslmode=disable").toJdbcUrl()).contains("sslmode=disable");
  }

  @Test
  void pgbouncer_disables_server_side_prepared_statements() {
    assertThat(DatabaseUrl.parse("postgresql://h/d?pgbouncer=true").toJdbcUrl()).endsWith("&prepareThreshold=0");
    assertThat(DatabaseUrl.parse("postgresql://h/d?pgbouncer=false").toJdbcUrl()).doesNotContain("prepareThreshold");
  }

  @Test
  void keeps_prisma_only_and_unknown_parameters_out_of_jdbc() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://h/d?connection_limit=3&pool_timeout=10&statement_cache_size=0&schema=s&whatever=1");

    assertThat(url.toJdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?currentSchema=s");
    assertThat(url.param("pool_timeout")).contains("10");
    assertThat(url.param("whatever")).contains("1");
  }

  @Test
  void refuses_a_unix_socket_url_for_jdbc_with_a_clear_message() {
    StrataException e =
        catchThrowableOfType(
            StrataException.class,
            () -> DatabaseUrl.parse("postgresql://u:hunter2@localhost/db?host=/var/run/postgresql").toJdbcUrl());

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
    assertThat(e.getMessage()).contains("Unix socket").contains("TCP").doesNotContain("hunter2");
  }

  @Test
  void encodes_special_characters_of_the_database_name_in_jdbc() {
    assertThat(DatabaseUrl.parse("postgresql://h/my%20db%3F").toJdbcUrl()).startsWith("jdbc:postgresql://h:5432/my%20db%3F?");
  }

  @Test
  void leaves_credentials_out_of_jdbc_properties_when_absent() {
    assertThat(DatabaseUrl.parse("postgresql://h/d").toJdbcProperties()).isEmpty();
  }

  @Test
  void never_fails_with_anything_but_a_config_error_on_random_input() {
    java.util.Random random = new java.util.Random(7);
    String[] parts = {"postgresql://", "postgres://", "u", ":", "@", "/", "?", "#", "&", "=", "[", "]", ",", "%", "%4", "%40",
      "h", "5432", "99999", "schema", "sslmode", "host", "password", " ", "+", "::1", "\u00e9"};
    for (int round = 0; round < 5000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(14);
      for (int k = 0; k < length; k++) {
        text.append(parts[random.nextInt(parts.length)]);
      }
      String input = text.toString();
      try {
        DatabaseUrl url = DatabaseUrl.parse(input);
        assertThat(url.masked()).isNotNull();
        url.toJdbcProperties();
        if (url.socketDirectory().isEmpty()) {
          assertThat(url.toJdbcUrl()).startsWith("jdbc:postgresql://");
        }
      } catch (StrataException e) {
        assertThat(e.code()).as(input).isEqualTo(ErrorCode.CONFIG);
      }
      assertThat(DatabaseUrl.mask(input)).isNotNull();
    }
  }

  // ------------------------------------------------------------------ withers

  @Test
  void with_database_and_with_schema_return_changed_copies() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@h/app?schema=a&sslmode=require");

    DatabaseUrl shadow = url.withDatabase("app_shadow").withSchema("b");

    assertThat(shadow.database()).contains("app_shadow");
    assertThat(shadow.schema()).isEqualTo("b");
    assertThat(shadow.password()).contains("pw");
    assertThat(shadow.param("sslmode")).contains("require");
    assertThat(url.database()).contains("app");
    assertThat(url.schema()).isEqualTo("a");
    assertThat(shadow.masked()).isEqualTo("postgresql://u:****@h:5432/app_shadow?schema=b&sslmode=require");
  }

  @Test
  void is_immutable() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://h/d?schema=a");

    assertThat(url.params()).isUnmodifiable();
    assertThat(url.hosts()).isUnmodifiable();
    assertThat(url.withSchema("z").params()).containsEntry("schema", "z");
    assertThat(List.copyOf(url.params().keySet())).containsExactly("schema");
    assertThat(url.user()).isEqualTo(Optional.empty());
  }
}
