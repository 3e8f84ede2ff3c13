-- PostgreSQL only. Room in every page of the video table for a changed copy of its rows, so
-- that a status change (which touches no indexed column) is a heap-only update: no new
-- index entries, far less WAL. Applies to pages written from now on; an existing large
-- table gets it for its old rows with VACUUM FULL video (or pg_repack) in a quiet hour.
ALTER TABLE video SET (fillfactor = 90);
