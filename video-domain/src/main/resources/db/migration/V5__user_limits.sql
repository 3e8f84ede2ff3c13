-- Per-user limits (API.md "Limits"). One row per user who ever created a video: every
-- creation and every upload declaration of that user locks it (SELECT ... FOR UPDATE) before
-- counting, so concurrent requests of one user, on any node sharing the database, are
-- counted one after the other and never both take the last slot.
CREATE TABLE user_quota (
    owner_id VARCHAR(255) NOT NULL PRIMARY KEY
);

-- The creations of the last minutes, whatever became of their videos: the per-minute
-- window counts these, so deleting videos does not reopen it. in_flight: granted, while the
-- provider is being asked for the upload URL; it counts as a pending video until the video
-- row exists (same transaction that inserts the video clears it).
CREATE TABLE video_creation (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner_id   VARCHAR(255) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    in_flight  BOOLEAN      NOT NULL
);
CREATE INDEX ix_video_creation_owner ON video_creation (owner_id, created_at);

-- The size a local upload declared (tus Upload-Length, a PUT's total; the maximum size while
-- a tus upload defers its length): a user's unfinished uploads together stay under
-- video.limits.upload-bytes-per-user.
ALTER TABLE video ADD COLUMN upload_length BIGINT;
