DELETE FROM strata_observe.ddl_log RETURNING seq, kind, command_tag, object_type, identity
