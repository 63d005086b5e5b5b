package dev.strata.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.DataBrowser.Field;
import dev.strata.DataBrowser.Kind;
import dev.strata.StrataException;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The studio's typed values: a date, time or date-time is refused before the SQL is shown unless PostgreSQL reads it the same everywhere. */
@StrataDatabase
class DataValuesIT {
  private static Field field(Kind kind, String prismaType) {
    return new Field("at", "at", kind, prismaType, "TIMESTAMP(3)", false, true, false, false, List.of(), Optional.empty());
  }

  @Test
  void iso_dates_and_special_values_pass_and_postgresql_reads_every_one_of_them(TestDatabase db) throws Exception {
    List<String> dateTimes = List.of("2024-05-01", "2024-05-01 13:45", "2024-05-01T13:45:00", "2024-05-01T13:45:00.123456",
        "2024-05-01 13:45:00Z", "2024-05-01T13:45:00+02:00", "2024-05-01 13:45:00-0530", "2024-05-01 24:00:00", "2024-02-29 23:59:60",
        "now", "today", "infinity", "-infinity", "epoch");
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT ?::timestamptz, ?::timestamp")) {
      for (String v : dateTimes) {
        assertThat(DataOperation.checked(null, field(Kind.DATETIME, "DateTime"), v)).isEqualTo(v);
        st.setString(1, v);
        st.setString(2, v);
        st.executeQuery().close();
      }
    }
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT ?::date")) {
      for (String v : List.of("2024-05-01", "today", "infinity")) {
        assertThat(DataOperation.checked(null, field(Kind.DATE, "DateTime"), v)).isEqualTo(v);
        st.setString(1, v);
        st.executeQuery().close();
      }
    }
    try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT ?::timetz")) {
      for (String v : List.of("13:45", "13:45:07.5", "23:59:59+02", "24:00", "allballs")) {
        assertThat(DataOperation.checked(null, field(Kind.TIME, "DateTime"), v)).isEqualTo(v);
        st.setString(1, v);
        st.executeQuery().close();
      }
    }
  }

  @Test
  void impossible_or_locale_dependent_dates_are_refused_with_the_field_and_the_value() {
    for (String v : List.of("2024-02-30T10:00", "2023-02-29", "2024-01-10T25:61", "2024-13-45", "next tuesday", "Jan 5 2024", "05/01/2024",
        "2024-05-01 13:45 garbage", "")) {
      assertThatThrownBy(() -> DataOperation.checked(null, field(Kind.DATETIME, "DateTime"), v)).as(v).isInstanceOf(StrataException.class)
          .hasMessageContaining("`at` (DateTime)").hasMessageContaining("\"" + v + "\" is not a date-time like 2024-05-01 13:45:00");
    }
    assertThatThrownBy(() -> DataOperation.checked(null, field(Kind.DATE, "DateTime"), "2024-05-01 10:00"))
        .hasMessageContaining("is not a date like 2024-05-01");
    assertThatThrownBy(() -> DataOperation.checked(null, field(Kind.TIME, "DateTime"), "25:00"))
        .hasMessageContaining("is not a time like 13:45:00");
  }
}
