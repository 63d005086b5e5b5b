-- The observer's own objects: a log that two event triggers fill with what each statement created,
-- altered or dropped. Everything in schema strata_observe is left out of the observations.
CREATE SCHEMA strata_observe;
-- Unlogged: the log is read back by the same session, and needs no WAL.
CREATE UNLOGGED TABLE strata_observe.ddl_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  command_tag text NOT NULL,
  object_type text NOT NULL,
  identity text NOT NULL
);
CREATE FUNCTION strata_observe.ddl_command_end() RETURNS event_trigger LANGUAGE plpgsql AS $body$
BEGIN
  INSERT INTO strata_observe.ddl_log (kind, command_tag, object_type, identity)
  SELECT CASE WHEN c.command_tag LIKE 'CREATE%' THEN 'CREATED' ELSE 'ALTERED' END,
         c.command_tag, c.object_type, c.object_identity
  FROM pg_catalog.pg_event_trigger_ddl_commands() c
  WHERE NOT c.in_extension
    AND c.command_tag NOT LIKE 'DROP%'
    AND c.object_identity IS NOT NULL
    AND c.schema_name IS DISTINCT FROM 'strata_observe';
END
$body$;
CREATE FUNCTION strata_observe.sql_drop() RETURNS event_trigger LANGUAGE plpgsql AS $body$
BEGIN
  -- The objects the command named, and those it dropped through a normal dependency (CASCADE);
  -- not the parts that go with them (a table's row type, TOAST table, indexes, defaults).
  INSERT INTO strata_observe.ddl_log (kind, command_tag, object_type, identity)
  SELECT 'DROPPED', tg_tag, d.object_type, d.object_identity
  FROM pg_catalog.pg_event_trigger_dropped_objects() d
  WHERE (d.original OR d.normal)
    AND d.object_identity IS NOT NULL
    AND d.schema_name IS DISTINCT FROM 'strata_observe';
END
$body$;
CREATE EVENT TRIGGER strata_observe_ddl ON ddl_command_end EXECUTE FUNCTION strata_observe.ddl_command_end();
CREATE EVENT TRIGGER strata_observe_drop ON sql_drop EXECUTE FUNCTION strata_observe.sql_drop();
