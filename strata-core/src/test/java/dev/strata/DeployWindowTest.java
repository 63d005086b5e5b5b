package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** {@link DeployWindow}: the maintenance windows users write, read and checked at given instants. */
class DeployWindowTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** 2026-12-05 is a Saturday. */
  private static ZonedDateTime at(int day, int hour, int minute, ZoneId zone) {
    return ZonedDateTime.of(2026, 12, day, hour, minute, 0, 0, zone);
  }

  @Test
  void an_every_day_window_in_utc() {
    DeployWindow w = DeployWindow.parse("02:00-04:00");
    assertThat(w.describe()).isEqualTo("02:00-04:00 UTC");
    assertThat(w.isOpen(at(7, 2, 0, ZoneId.of("UTC")))).isTrue();
    assertThat(w.isOpen(at(7, 3, 59, ZoneId.of("UTC")))).isTrue();
    assertThat(w.isOpen(at(7, 4, 0, ZoneId.of("UTC")))).as("the end is not in it").isFalse();
    assertThat(w.isOpen(at(7, 1, 59, ZoneId.of("UTC")))).isFalse();
    assertThat(w.isOpen(at(7, 3, 30, BERLIN))).as("02:30 UTC").isTrue();
    assertThat(w.nextOpening(at(7, 4, 0, ZoneId.of("UTC")))).isEqualTo(at(8, 2, 0, ZoneId.of("UTC")));
  }

  @Test
  void days_ranges_and_a_zone() {
    DeployWindow w = DeployWindow.parse("  sat,SUN 01:00-05:00 Europe/Berlin ");
    assertThat(w.days()).isEqualTo(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    assertThat(w.describe()).isEqualTo("Sat,Sun 01:00-05:00 Europe/Berlin");
    assertThat(w.isOpen(at(5, 1, 30, BERLIN))).isTrue();
    assertThat(w.isOpen(at(7, 1, 30, BERLIN))).as("Monday").isFalse();
    assertThat(w.isOpen(at(5, 0, 30, ZoneId.of("UTC")))).as("01:30 in Berlin").isTrue();
    assertThat(w.nextOpening(at(7, 1, 30, BERLIN))).isEqualTo(at(12, 1, 0, BERLIN));
    assertThat(w.format(at(12, 1, 0, BERLIN))).isEqualTo("Sat 2026-12-12 01:00 Europe/Berlin");

    assertThat(DeployWindow.parse("Fri-Mon 10:00-11:00").days())
        .isEqualTo(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY));
    assertThat(DeployWindow.parse("Mon-Fri 10:00-11:00").describe()).isEqualTo("Mon,Tue,Wed,Thu,Fri 10:00-11:00 UTC");
  }

  @Test
  void a_window_past_midnight_belongs_to_the_day_it_starts_on() {
    DeployWindow w = DeployWindow.parse("Sat 23:00-01:00 Europe/Berlin");
    assertThat(w.isOpen(at(5, 23, 30, BERLIN))).isTrue();
    assertThat(w.isOpen(at(6, 0, 30, BERLIN))).as("Sunday 00:30, still Saturday's window").isTrue();
    assertThat(w.isOpen(at(6, 23, 30, BERLIN))).as("Sunday 23:30: no window starts on Sunday").isFalse();
    assertThat(w.isOpen(at(5, 0, 30, BERLIN))).as("Saturday 00:30: Friday has no window").isFalse();
    DeployWindow allDay = DeployWindow.parse("Sun 00:00-00:00");
    assertThat(allDay.isOpen(at(6, 0, 0, ZoneId.of("UTC")))).isTrue();
    assertThat(allDay.isOpen(at(6, 23, 59, ZoneId.of("UTC")))).isTrue();
    assertThat(allDay.isOpen(at(7, 0, 0, ZoneId.of("UTC")))).isFalse();
  }

  @Test
  void what_cannot_be_read_is_named() {
    assertThatThrownBy(() -> DeployWindow.parse("Mo 02:00-04:00")).isInstanceOf(StrataException.class)
        .hasMessageContaining("`Mo 02:00-04:00` cannot be read").hasMessageContaining("write it like");
    assertThatThrownBy(() -> DeployWindow.parse("Mon-Fry 02:00-04:00")).hasMessageContaining("`Fry` is not a day");
    assertThatThrownBy(() -> DeployWindow.parse("24:00-02:00")).hasMessageContaining("`24:00` is not a time of day");
    assertThatThrownBy(() -> DeployWindow.parse("02:00-03:60")).hasMessageContaining("`03:60` is not a time of day");
    assertThatThrownBy(() -> DeployWindow.parse("02:00-04:00 Mars/Olympus")).hasMessageContaining("`Mars/Olympus` is not a time zone");
    assertThatThrownBy(() -> DeployWindow.parse("02:00")).hasMessageContaining("it is not [DAYS] HH:MM-HH:MM [ZONE]");
  }
}
