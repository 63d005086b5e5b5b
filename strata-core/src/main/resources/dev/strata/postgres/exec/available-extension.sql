-- Whether the server can install an extension (its control file is present).
SELECT 1 FROM pg_available_extensions WHERE name = ?
