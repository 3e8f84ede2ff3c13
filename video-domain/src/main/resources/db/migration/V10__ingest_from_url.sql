-- A video its provider fetches from a URL (ingest) has no upload URL: no client uploads it.
-- Its upload_status is 'ingesting'; the source URL itself is not kept (it may carry credentials
-- in its query, and the provider has it).
ALTER TABLE video ALTER COLUMN upload_url DROP NOT NULL;
ALTER TABLE video ALTER COLUMN upload_protocol DROP NOT NULL;
