package dev.strata.dialect;

import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.change.Change;
import java.util.List;

/** Turns one change into the dialect's DDL statements; needs no live connection. */
public interface DdlRenderer {

  /**
   * The statements that apply {@code change}, in order. {@code from} and {@code to} are the schemas
   * before and after the whole migration (to resolve tables, columns and enums by name).
   */
  List<Statement> render(Change change, DatabaseSchema from, DatabaseSchema to);
}
