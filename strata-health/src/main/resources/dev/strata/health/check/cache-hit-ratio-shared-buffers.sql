-- The current shared_buffers in bytes.
SELECT pg_size_bytes(current_setting('shared_buffers')) AS bytes
