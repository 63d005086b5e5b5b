package dev.strata.schema;

import java.util.Optional;

/**
 * A column.
 *
 * @param autoincrement backed by a sequence ({@code SERIAL}/{@code BIGSERIAL}/{@code SMALLSERIAL}
 *     when created; {@code DEFAULT nextval(...)} when introspected)
 * @param identity {@code GENERATED ALWAYS|BY DEFAULT AS IDENTITY}, when the column is one
 * @param generated the expression of a {@code GENERATED ALWAYS AS (…) STORED} column
 */
public record Column(
    String name,
    ColumnType type,
    boolean nullable,
    Optional<DefaultValue> defaultValue,
    boolean autoincrement,
    Optional<Identity> identity,
    Optional<String> generated,
    Optional<String> comment) {

  /** Identity column kinds. */
  public enum Identity {
    ALWAYS,
    BY_DEFAULT
  }

  public Column withType(ColumnType newType) {
    return new Column(name, newType, nullable, defaultValue, autoincrement, identity, generated, comment);
  }

  public Column withNullable(boolean newNullable) {
    return new Column(name, type, newNullable, defaultValue, autoincrement, identity, generated, comment);
  }

  public Column withDefault(Optional<DefaultValue> newDefault) {
    return new Column(name, type, nullable, newDefault, autoincrement, identity, generated, comment);
  }
}
