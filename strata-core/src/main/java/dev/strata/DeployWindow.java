package dev.strata;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A maintenance window: the days and hours in which a guarded {@code migrate deploy} may start
 * applying migrations ({@code strata.toml} {@code [deploy] window}, or {@code --window}). Outside
 * it the deploy refuses before applying anything and says when the next window opens
 * ({@link OutsideDeployWindowException}). A deploy that started inside the window finishes the
 * migrations it started.
 *
 * <p>Written as {@code [DAYS] HH:MM-HH:MM [ZONE]}: {@code 02:00-04:00} (every day, UTC),
 * {@code Sat,Sun 01:00-05:00 Europe/Berlin}, {@code Mon-Fri 22:00-02:00 America/New_York}. A window
 * whose end is not after its start runs past midnight, and belongs to the day it starts on;
 * {@code 00:00-00:00} is the whole day. The zone is an IANA name or {@code UTC} (the default).
 */
public record DeployWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
  private static final Pattern FORM = Pattern.compile(
      "^(?:(?<days>[A-Za-z]{3}(?:-[A-Za-z]{3})?(?:,[A-Za-z]{3}(?:-[A-Za-z]{3})?)*)\\s+)?"
          + "(?<start>\\d{1,2}:\\d{2})\\s*-\\s*(?<end>\\d{1,2}:\\d{2})(?:\\s+(?<zone>\\S+))?$");
  private static final String EXAMPLE = "like `02:00-04:00`, `Sat,Sun 01:00-05:00 Europe/Berlin` or `Mon-Fri 22:00-02:00 UTC`";

  public DeployWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(zone, "zone");
    days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
  }

  /**
   * The window {@code text} describes.
   *
   * @throws StrataException ({@code INVALID_INPUT}) naming what is wrong, with examples
   */
  public static DeployWindow parse(String text) {
    String spec = Objects.requireNonNull(text, "text").strip();
    Matcher m = FORM.matcher(spec);
    if (!m.matches()) {
      throw invalid(spec, "it is not [DAYS] HH:MM-HH:MM [ZONE]");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (m.group("days") != null) {
      for (String item : m.group("days").split(",")) {
        String[] range = item.split("-");
        DayOfWeek from = day(spec, range[0]);
        DayOfWeek to = range.length > 1 ? day(spec, range[1]) : from;
        for (DayOfWeek d = from; ; d = d.plus(1)) {
          days.add(d);
          if (d == to) {
            break;
          }
        }
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    if (m.group("zone") != null) {
      try {
        zone = ZoneId.of(m.group("zone"));
      } catch (DateTimeException e) {
        throw invalid(spec, "`" + m.group("zone") + "` is not a time zone (an IANA name such as Europe/Berlin, or UTC)");
      }
    }
    return new DeployWindow(days, time(spec, m.group("start")), time(spec, m.group("end")), zone);
  }

  /** The window of the project's {@code strata.toml} ({@code [deploy] window}), if it sets one. */
  public static Optional<DeployWindow> configured(StrataConfig config) {
    return config.project().flatMap(p -> dev.strata.config.StrataToml.read(p.projectDir())).flatMap(toml -> {
      if (!toml.contains("deploy.window")) {
        return Optional.empty();
      }
      if (!toml.isString("deploy.window")) {
        throw new StrataException(ErrorCode.CONFIG, dev.strata.config.StrataToml.FILE + ": [deploy] window must be a string, "
            + EXAMPLE + ".");
      }
      try {
        return Optional.of(parse(toml.getString("deploy.window")));
      } catch (StrataException e) {
        throw new StrataException(ErrorCode.CONFIG, dev.strata.config.StrataToml.FILE + ": [deploy] " + e.getMessage());
      }
    });
  }

  /** Whether a deploy may start at {@code instant}. */
  public boolean isOpen(ZonedDateTime instant) {
    ZonedDateTime at = instant.withZoneSameInstant(zone);
    LocalDate today = at.toLocalDate();
    // the window opened today, or opened yesterday and runs past midnight
    return openedOn(today, at) || openedOn(today.minusDays(1), at);
  }

  private boolean openedOn(LocalDate day, ZonedDateTime at) {
    if (!days.contains(day.getDayOfWeek())) {
      return false;
    }
    ZonedDateTime opens = day.atTime(start).atZone(zone);
    ZonedDateTime closes = closing(day);
    return !at.isBefore(opens) && at.isBefore(closes);
  }

  private ZonedDateTime closing(LocalDate day) {
    LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
    return endDay.atTime(end).atZone(zone);
  }

  /** When the window next opens after {@code instant} (the next start on one of its days). */
  public ZonedDateTime nextOpening(ZonedDateTime instant) {
    ZonedDateTime at = instant.withZoneSameInstant(zone);
    for (LocalDate day = at.toLocalDate(); ; day = day.plusDays(1)) {
      ZonedDateTime opens = day.atTime(start).atZone(zone);
      if (days.contains(day.getDayOfWeek()) && opens.isAfter(at)) {
        return opens;
      }
    }
  }

  /** The window as written in its canonical form: {@code Sat,Sun 01:00-05:00 Europe/Berlin}. */
  public String describe() {
    String dayList = days.size() == 7 ? "" : String.join(",", days.stream()
        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList()) + " ";
    return dayList + start + "-" + end + " " + zoneName();
  }

  /** {@code instant} in the window's zone, as messages show it: {@code Sat 2026-12-12 01:00 Europe/Berlin}. */
  public String format(ZonedDateTime instant) {
    return instant.withZoneSameInstant(zone).format(java.time.format.DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH))
        + " " + zoneName();
  }

  private String zoneName() {
    return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  private static DayOfWeek day(String spec, String name) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw invalid(spec, "`" + name + "` is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
  }

  private static LocalTime time(String spec, String hhmm) {
    List<String> parts = List.of(hhmm.split(":"));
    int hours = Integer.parseInt(parts.get(0));
    int minutes = Integer.parseInt(parts.get(1));
    if (hours > 23 || minutes > 59) {
      throw invalid(spec, "`" + hhmm + "` is not a time of day (00:00 to 23:59)");
    }
    return LocalTime.of(hours, minutes);
  }

  private static StrataException invalid(String spec, String why) {
    return new StrataException(ErrorCode.INVALID_INPUT, "The deploy window `" + spec + "` cannot be read: " + why + "; write it " + EXAMPLE + ".");
  }
}
