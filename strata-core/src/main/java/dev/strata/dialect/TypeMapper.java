package dev.strata.dialect;

import dev.strata.schema.Column;
import dev.strata.schema.change.Change.TypeChange;
import java.util.Optional;

/** The dialect's knowledge of column types the generic differ and planner need. */
public interface TypeMapper {

  /** How a column's type changes between two versions of it; empty when it does not change. */
  Optional<TypeChange> typeChange(Column from, Column to);

  /** The type as named in messages (warnings about casts). */
  String displayType(Column column);
}
