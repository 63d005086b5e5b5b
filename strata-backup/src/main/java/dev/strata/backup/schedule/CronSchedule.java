package dev.strata.backup.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.strata.ErrorCode;
import dev.strata.StrataException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A Unix cron expression (cron-utils: parsing, validation, next execution), never a hand-written parser. */
public final class CronSchedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final ExecutionTime executions;
  private final ZoneId zone;

  private CronSchedule(String expression, ExecutionTime executions, ZoneId zone) {
    this.expression = expression;
    this.executions = executions;
    this.zone = zone;
  }

  /**
   * @throws StrataException ({@code USAGE}) naming what is wrong with the expression
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    try {
      Cron cron = PARSER.parse(expression.strip());
      cron.validate();
      return new CronSchedule(cron.asString(), ExecutionTime.forCron(cron), zone);
    } catch (IllegalArgumentException e) {
      throw new StrataException(ErrorCode.USAGE, "--cron \"" + expression + "\" is not a cron expression (five fields: minute hour"
          + " day-of-month month day-of-week, e.g. \"0 3 * * *\"): " + e.getMessage());
    }
  }

  /** The first run strictly after {@code now}. */
  public Instant next(Instant now) {
    return executions.nextExecution(ZonedDateTime.ofInstant(now, zone)).map(ZonedDateTime::toInstant)
        .orElseThrow(() -> new StrataException(ErrorCode.USAGE, "The cron expression \"" + expression + "\" never runs."));
  }

  public String expression() {
    return expression;
  }
}
