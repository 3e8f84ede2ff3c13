-- What the uploader said about its file (tus Upload-Metadata filename/filetype, a PUT's Content-Type).
ALTER TABLE video ADD COLUMN source_filename VARCHAR(1020);
ALTER TABLE video ADD COLUMN source_filetype VARCHAR(255);
