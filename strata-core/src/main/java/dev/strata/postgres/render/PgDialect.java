package dev.strata.postgres.render;

import dev.strata.dialect.DdlRenderer;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.TypeMapper;
import dev.strata.schema.ColumnType;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** PostgreSQL as the differ and planner see it: Prisma's type rules and DDL shapes. */
public final class PgDialect implements Dialect {
  /** PostGIS bookkeeping tables Prisma never touches (tables or views depending on the version). */
  private static final Set<String> POSTGIS_TABLES =
      Set.of("spatial_ref_sys", "geometry_columns", "geography_columns", "raster_columns", "raster_overviews");

  private final PgTypeMapper typeMapper = new PgTypeMapper();
  private final PgDdlRenderer ddlRenderer = new PgDdlRenderer();

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public TypeMapper typeMapper() {
    return typeMapper;
  }

  @Override
  public DdlRenderer ddlRenderer() {
    return ddlRenderer;
  }

  @Override
  public boolean ignoresTable(String tableName) {
    return Dialect.super.ignoresTable(tableName) || POSTGIS_TABLES.contains(tableName.toLowerCase(Locale.ROOT));
  }

  @Override
  public Optional<String> defaultOperatorClass(String method, ColumnType type) {
    return PgOperatorClasses.defaultFor(method, type);
  }
}
