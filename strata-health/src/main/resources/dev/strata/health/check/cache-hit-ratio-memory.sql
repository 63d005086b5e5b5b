-- The server's memory in bytes, from Linux's /proc/meminfo (needs pg_read_server_files; fails elsewhere).
SELECT (regexp_match(pg_read_file('/proc/meminfo'), 'MemTotal:\s+(\d+) kB'))[1]::bigint * 1024 AS bytes
