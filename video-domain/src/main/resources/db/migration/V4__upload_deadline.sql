-- The deadlines of uploads still awaited, apart from the video rows: the stale-upload sweep
-- reads them by deadline, and expiring a video then changes no indexed column of the video
-- table (PostgreSQL updates such a row in place, without new index entries).
CREATE TABLE upload_deadline (
    video_id   VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES video (id) ON DELETE CASCADE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO upload_deadline (video_id, expires_at)
    SELECT id, upload_expires_at FROM video WHERE status = 'PREPARING';
CREATE INDEX ix_upload_deadline ON upload_deadline (expires_at, video_id);

-- Status is no longer indexed; the administrators' list of all videos (newest first,
-- optionally by status) walks this instead of sorting the table.
DROP INDEX ix_video_status_expiry;
CREATE INDEX ix_video_created ON video (created_at, id);
