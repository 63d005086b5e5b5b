package dev.strata.cli.command.migrate;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration the way people type one: {@code 500ms}, {@code 10s}, {@code 2m}, or a plain number of seconds. */
final class DurationOption implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    try {
      Duration duration;
      if (text.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
      } else if (text.endsWith("s")) {
        duration = Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).strip()) * 1000));
      } else if (text.endsWith("m")) {
        duration = Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).strip()) * 60_000));
      } else {
        duration = Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
      }
      if (duration.isNegative() || duration.toDays() > 1) {
        throw new TypeConversionException("'" + value + "' is not a duration between 0 and 24 hours");
      }
      return duration;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 10s, 2m)");
    }
  }
}
